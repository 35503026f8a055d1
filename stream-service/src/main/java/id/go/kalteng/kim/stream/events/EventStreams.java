package id.go.kalteng.kim.stream.events;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import id.go.kalteng.kim.stream.publiclog.PublicEvents;
import id.go.kalteng.kim.stream.publiclog.PublicTopics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open SSE streams: each reads its kabupaten's public topics with a consumer of its
 * own (no consumer group: the position is the client's {@code Last-Event-ID}) and writes
 * each event as it reads it. A write blocks while the client is slow, and the next poll
 * waits for it, so a stream holds at most one poll ({@code max-buffered} records).
 */
public class EventStreams implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

	private final EventStreamProperties properties;

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Semaphore slots;

	private final Set<OpenStream> open = ConcurrentHashMap.newKeySet();

	private final ExecutorService executor;

	private volatile boolean running = true;

	public EventStreams(EventStreamProperties properties, Supplier<Consumer<String, byte[]>> consumers, JsonMapper json,
			Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.consumers = consumers;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
		this.slots = new Semaphore(properties.maxStreams());
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "sse-stream-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		meters.gauge("kim.stream.sse.open", this.open, Set::size);
	}

	/**
	 * Opens a stream, or fails with {@link StreamsBusyException} when {@code max-streams}
	 * are open.
	 */
	public SseEmitter open(StreamRequest request) {
		if (!this.running || !this.slots.tryAcquire()) {
			throw new StreamsBusyException();
		}
		SseEmitter emitter = new SseEmitter(0L);
		OpenStream stream = new OpenStream(emitter, request);
		emitter.onCompletion(stream::close);
		emitter.onTimeout(stream::close);
		emitter.onError((ex) -> stream.close());
		this.open.add(stream);
		try {
			this.executor.execute(() -> {
				try {
					stream.run();
				}
				finally {
					this.open.remove(stream);
					this.slots.release();
				}
			});
		}
		catch (RuntimeException ex) {
			this.open.remove(stream);
			this.slots.release();
			throw ex;
		}
		return emitter;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Ends every open stream (clients reconnect with their {@code Last-Event-ID}). */
	@Override
	public void stop() {
		this.running = false;
		this.open.forEach(OpenStream::close);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** One client's stream. */
	private final class OpenStream {

		private final SseEmitter emitter;

		private final StreamRequest request;

		private volatile boolean closed;

		private volatile Consumer<String, byte[]> consumer;

		OpenStream(SseEmitter emitter, StreamRequest request) {
			this.emitter = emitter;
			this.request = request;
		}

		void close() {
			this.closed = true;
			Consumer<String, byte[]> current = this.consumer;
			if (current != null) {
				current.wakeup();
			}
		}

		void run() {
			try (Consumer<String, byte[]> consumer = EventStreams.this.consumers.get()) {
				this.consumer = consumer;
				if (this.closed) {
					return;
				}
				Map<TopicPartition, String> codes = new HashMap<>();
				this.request.kabupaten()
					.forEach((code) -> codes.put(new TopicPartition(PublicTopics.of(code), 0), code));
				consumer.assign(codes.keySet());
				StreamPosition position = seek(consumer, codes);
				Instant lastWrite = EventStreams.this.clock.instant();
				Duration heartbeat = EventStreams.this.properties.heartbeat();
				Duration pollTimeout = (heartbeat.compareTo(Duration.ofSeconds(1)) < 0) ? heartbeat
						: Duration.ofSeconds(1);
				while (!this.closed) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout)) {
						position = position.after(codes.get(new TopicPartition(record.topic(), record.partition())),
								record.offset());
						String type = PublicEvents.header(record, "ce_type");
						if (this.request.types().isEmpty() || this.request.types().contains(type)) {
							this.emitter.send(SseEmitter.event()
								.id(position.id())
								.data(PublicEvents.cloudEvent(EventStreams.this.json, record),
										MediaType.APPLICATION_JSON));
							lastWrite = EventStreams.this.clock.instant();
							EventStreams.this.meters.counter("kim.stream.sse.events").increment();
						}
					}
					if (!Duration.between(lastWrite, EventStreams.this.clock.instant()).minus(heartbeat).isNegative()) {
						this.emitter.send(SseEmitter.event().comment("heartbeat"));
						lastWrite = EventStreams.this.clock.instant();
					}
				}
			}
			catch (WakeupException ex) {
				// closed
			}
			catch (Exception ex) {
				// the client went away (a write failed) or the broker did: the client
				// reconnects with its Last-Event-ID
				log.debug("SSE stream ends: {}", ex.toString());
			}
			finally {
				this.consumer = null;
				try {
					this.emitter.complete();
				}
				catch (RuntimeException ex) {
					// already completed
				}
			}
		}

		/**
		 * Seeks every topic to where the stream starts; a position the topic no longer
		 * keeps (older than retention, or from before the topic was recreated) starts at
		 * the oldest kept and is announced by {@code event: reset}.
		 */
		private StreamPosition seek(Consumer<String, byte[]> consumer, Map<TopicPartition, String> codes)
				throws IOException {
			Map<TopicPartition, Long> oldest = consumer.beginningOffsets(codes.keySet());
			Map<TopicPartition, Long> newest = consumer.endOffsets(codes.keySet());
			Map<String, Long> next = new HashMap<>();
			boolean reset = false;
			for (Map.Entry<TopicPartition, String> entry : codes.entrySet()) {
				TopicPartition partition = entry.getKey();
				Long wanted = this.request.resumeAfter().map((p) -> p.next().get(entry.getValue())).orElse(null);
				long start;
				if (wanted == null) {
					start = this.request.fromOldest() ? oldest.get(partition) : newest.get(partition);
				}
				else if (wanted < oldest.get(partition) || wanted > newest.get(partition)) {
					start = oldest.get(partition);
					reset = true;
				}
				else {
					start = wanted;
				}
				consumer.seek(partition, start);
				next.put(entry.getValue(), start);
			}
			StreamPosition position = new StreamPosition(next);
			if (reset) {
				ObjectNode data = EventStreams.this.json.createObjectNode();
				data.put("reason", "position-not-kept");
				data.put("detail", "The Last-Event-ID is older than the events kept (or unknown here);"
						+ " the stream starts again from the oldest event kept");
				data.put("position", position.id());
				this.emitter
					.send(SseEmitter.event().name("reset").id(position.id()).data(data, MediaType.APPLICATION_JSON));
				EventStreams.this.meters.counter("kim.stream.sse.resets").increment();
			}
			return position;
		}

	}

	/** For tests and metrics: how many streams are open. */
	public int openStreams() {
		return this.open.size();
	}

}
