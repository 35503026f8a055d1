package id.go.kalteng.kim.dissemination.broadcast;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live progress as Server-Sent Events ({@code event: progress}, data = the progress
 * answer): the current counts at once, then whenever they change, at most every
 * {@link #INTERVAL_MILLIS} (changes in between are coalesced), until the broadcast ends
 * ({@link BroadcastService#isLast}); then the stream closes. Every watched broadcast is
 * read once per interval, however many watch it: its document and its counter document,
 * both by {@code _id} (never the dispatches), and only while someone watches.
 */
@Component
class ProgressStreams {

	static final long INTERVAL_MILLIS = 500;

	/** The longest a stream stays open; a client reconnects to go on. */
	static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final BroadcastService broadcasts;

	private final Map<String, List<Watcher>> watched = new ConcurrentHashMap<>();

	ProgressStreams(BroadcastService broadcasts) {
		this.broadcasts = broadcasts;
	}

	/**
	 * Opens a stream on a broadcast the caller may see.
	 * @param broadcast the broadcast
	 * @return the stream, its first event sent
	 */
	SseEmitter open(Broadcast broadcast) {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		Map<String, Object> progress = this.broadcasts.progressOf(broadcast);
		Watcher watcher = new Watcher(emitter);
		if (!watcher.send(progress)) {
			return emitter;
		}
		if (BroadcastService.isLast(broadcast, progress)) {
			emitter.complete();
			return emitter;
		}
		List<Watcher> watchers = this.watched.computeIfAbsent(broadcast.getId(), (id) -> new CopyOnWriteArrayList<>());
		watchers.add(watcher);
		Runnable remove = () -> watchers.remove(watcher);
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError((ex) -> remove.run());
		return emitter;
	}

	/** Sends what changed to every watcher, closing the streams of ended broadcasts. */
	@Scheduled(fixedDelay = INTERVAL_MILLIS)
	void push() {
		this.watched.forEach((id, watchers) -> {
			if (watchers.isEmpty()) {
				this.watched.remove(id, watchers);
				return;
			}
			Broadcast broadcast = this.broadcasts.find(id).orElse(null);
			if (broadcast == null) {
				watchers.forEach((watcher) -> watcher.emitter.complete());
				this.watched.remove(id);
				return;
			}
			Map<String, Object> progress = this.broadcasts.progressOf(broadcast);
			boolean last = BroadcastService.isLast(broadcast, progress);
			for (Watcher watcher : watchers) {
				if (!progress.equals(watcher.lastSent)) {
					watcher.send(progress);
				}
				if (last) {
					watcher.emitter.complete();
					watchers.remove(watcher);
				}
			}
		});
	}

	/** How many streams are open (tests). */
	int open() {
		return this.watched.values().stream().mapToInt(List::size).sum();
	}

	/** One open stream. */
	private static final class Watcher {

		private final SseEmitter emitter;

		private volatile Map<String, Object> lastSent;

		Watcher(SseEmitter emitter) {
			this.emitter = emitter;
		}

		boolean send(Map<String, Object> progress) {
			try {
				this.emitter.send(SseEmitter.event().name("progress").data(progress, MediaType.APPLICATION_JSON));
				this.lastSent = progress;
				return true;
			}
			catch (IOException | IllegalStateException ex) {
				// the client went away
				this.emitter.completeWithError(ex);
				return false;
			}
		}

	}

}
