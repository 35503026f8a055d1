package id.go.kalteng.kim.console.web;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One browser's live stream relayed from an upstream one (the delivery page's progress,
 * the agency's event stream): the browser's SSE emitter, whether the browser has gone (it
 * hung up, timed out or failed a send), and the upstream connection, closed as soon as
 * the browser goes so that nothing holds the API's stream for a reader who left.
 */
final class LiveRelay {

	private final SseEmitter emitter;

	private final AtomicBoolean gone = new AtomicBoolean();

	private final AtomicReference<Closeable> upstream = new AtomicReference<>();

	LiveRelay(Duration lifetime) {
		this.emitter = new SseEmitter(lifetime.toMillis());
		Runnable hangUp = () -> {
			this.gone.set(true);
			closeQuietly(this.upstream.get());
		};
		this.emitter.onCompletion(hangUp);
		this.emitter.onTimeout(hangUp);
		this.emitter.onError((ex) -> hangUp.run());
	}

	SseEmitter emitter() {
		return this.emitter;
	}

	/** Whether the browser has gone. */
	boolean gone() {
		return this.gone.get();
	}

	/** The upstream connection once open; closed at once if the browser already left. */
	void upstream(Closeable stream) {
		this.upstream.set(stream);
		if (this.gone.get()) {
			closeQuietly(stream);
		}
	}

	/**
	 * One named event to the browser, unless it has gone (a failed send means it has).
	 */
	void send(String event, String html) {
		if (this.gone.get()) {
			return;
		}
		try {
			this.emitter.send(SseEmitter.event().name(event).data(html));
		}
		catch (IOException | IllegalStateException ex) {
			this.gone.set(true);
		}
	}

	/** A comment line, so that a browser that left is noticed between events. */
	void heartbeat() {
		if (this.gone.get()) {
			return;
		}
		try {
			this.emitter.send(SseEmitter.event().comment("heartbeat"));
		}
		catch (IOException | IllegalStateException ex) {
			this.gone.set(true);
		}
	}

	void complete() {
		this.emitter.complete();
	}

	private static void closeQuietly(Closeable stream) {
		if (stream == null) {
			return;
		}
		try {
			stream.close();
		}
		catch (IOException ex) {
			// gone either way
		}
	}

}
