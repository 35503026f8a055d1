package id.go.kalteng.kim.support.observability;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import org.springframework.messaging.MessageHeaders;

/**
 * The W3C trace context where the platform carries it by hand: into an outbox entry when
 * an event is recorded (the relay publishes it later, from its own thread) and out of a
 * record of a batch-mode consumer (Spring Kafka observes single records only). The
 * {@code traceparent} travels as a Kafka header of that name (what Micrometer's Kafka
 * instrumentation reads) and as the CloudEvents distributed-tracing extension.
 */
public final class TraceContexts {

	/** The W3C header (and CloudEvents extension) name. */
	public static final String TRACEPARENT = "traceparent";

	/**
	 * The observation a consumer's handling of a run of events is measured and traced by.
	 */
	public static final String HANDLING = "kim.events.handling";

	private static volatile ObservationRegistry observations = ObservationRegistry.NOOP;

	private static volatile Remembered remembered;

	private TraceContexts() {
	}

	/**
	 * Installs the application's observation registry (service-support's
	 * auto-configuration does); without one, handling is neither traced nor timed.
	 * @param registry the registry
	 */
	public static void use(ObservationRegistry registry) {
		observations = (registry != null) ? registry : ObservationRegistry.NOOP;
	}

	/**
	 * The {@code traceparent} of the span current on this thread.
	 * @return the header value, or null outside any trace
	 */
	public static String current() {
		SpanContext context = Span.current().getSpanContext();
		if (!context.isValid()) {
			return null;
		}
		return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
	}

	/**
	 * The trace id inside a {@code traceparent}.
	 * @param traceparent the header value, may be null
	 * @return the 32 hex digits, or null when the value is not a W3C traceparent
	 */
	public static String traceId(String traceparent) {
		if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-') {
			return null;
		}
		return traceparent.substring(3, 35);
	}

	/**
	 * The {@code traceparent} header of a consumed record.
	 * @param headers its headers
	 * @return the value, or null
	 */
	public static String of(MessageHeaders headers) {
		Object value = headers.get(TRACEPARENT);
		if (value == null) {
			value = headers.get("ce_" + TRACEPARENT);
		}
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return (value != null) ? value.toString() : null;
	}

	/**
	 * Runs a consumer's handling of events in a span continuing the trace they were
	 * recorded in, unless this thread is in a span of that trace already (a record
	 * listener the container observes); a container's span of another trace (a batch) is
	 * not kept.
	 * @param traceparent the events' trace context, may be null (a new trace then)
	 * @param consumer the consumer, a low-cardinality tag
	 * @param type the events' type, a low-cardinality tag
	 * @param work the handling
	 */
	public static void continued(String traceparent, String consumer, String type, Runnable work) {
		continued(traceparent, consumer, type, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * As {@link #continued(String, String, String, Runnable)}, with a result.
	 * @param <T> the result's type
	 * @param traceparent the events' trace context, may be null (a new trace then)
	 * @param consumer the consumer, a low-cardinality tag
	 * @param type the events' type, a low-cardinality tag
	 * @param work the handling
	 * @return what the handling returned
	 */
	public static <T> T continued(String traceparent, String consumer, String type, Supplier<T> work) {
		return continued(traceparent, HANDLING, consumer + " handles " + type,
				KeyValues.of("consumer", consumer, "type", type), work);
	}

	/**
	 * Runs work in a span of the given observation continuing a trace, unless this thread
	 * is in a span of that trace already.
	 * @param <T> the result's type
	 * @param traceparent the trace to continue, may be null (a new trace then)
	 * @param observation the observation's name (also its timer's)
	 * @param contextualName the span's name
	 * @param tags low-cardinality tags
	 * @param work the work
	 * @return what the work returned
	 */
	public static <T> T continued(String traceparent, String observation, String contextualName, KeyValues tags,
			Supplier<T> work) {
		ObservationRegistry registry = observations;
		SpanContext current = Span.current().getSpanContext();
		// a listener container's span of another trace (Spring Kafka starts a new trace
		// per batch) is left for the events' own; one of theirs is kept
		boolean inTheirTrace = current.isValid()
				&& (traceparent == null || current.getTraceId().equals(traceId(traceparent)));
		if (registry.isNoop() || inTheirTrace) {
			return work.get();
		}
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>((carrier, key) -> carrier.get(key));
		context.setCarrier((traceparent != null) ? Map.of(TRACEPARENT, traceparent) : Map.of());
		context.setRemoteServiceName("kafka");
		return Observation.createNotStarted(observation, () -> context, registry)
			.contextualName(contextualName)
			.lowCardinalityKeyValues(tags)
			.observe(work);
	}

	/**
	 * Makes the events a consumer handles remember their trace by {@code ce_subject}
	 * (their aggregate's id), at most {@code capacity} of them, oldest forgotten first,
	 * so that work done later on another thread for that aggregate (a notification's
	 * send) can continue the trace ({@link #recall}).
	 * @param consumer the consumer's name (its {@code EventDispatcher}'s)
	 * @param capacity how many subjects are remembered at most
	 */
	public static void rememberSubjectsOf(String consumer, int capacity) {
		remembered = new Remembered(consumer, capacity);
	}

	/**
	 * Remembers the trace of an event a consumer handled, if that consumer's are
	 * remembered.
	 * @param consumer the consumer
	 * @param subject the event's {@code ce_subject}
	 * @param traceparent its trace context
	 */
	public static void remember(String consumer, String subject, String traceparent) {
		Remembered memory = remembered;
		if (memory != null && subject != null && traceparent != null && memory.consumer().equals(consumer)) {
			memory.put(subject, traceparent);
		}
	}

	/**
	 * The trace an event about this subject was handled in.
	 * @param subject the aggregate id
	 * @return its {@code traceparent}, or null when none is remembered
	 */
	public static String recall(String subject) {
		Remembered memory = remembered;
		return (memory != null && subject != null) ? memory.get(subject) : null;
	}

	/** A bounded map of subjects to trace contexts, values shared (one per trace). */
	private static final class Remembered {

		private final String consumer;

		private final Map<String, String> bySubject;

		private final Map<String, String> values;

		Remembered(String consumer, int capacity) {
			this.consumer = consumer;
			this.bySubject = new LinkedHashMap<>(16, 0.75f, false) {

				@Override
				protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
					return size() > capacity;
				}

			};
			this.values = new LinkedHashMap<>(16, 0.75f, false) {

				@Override
				protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
					return size() > 1024;
				}

			};
		}

		String consumer() {
			return this.consumer;
		}

		synchronized void put(String subject, String traceparent) {
			String shared = this.values.computeIfAbsent(traceparent, (value) -> value);
			this.bySubject.put(subject, shared);
		}

		synchronized String get(String subject) {
			return this.bySubject.get(subject);
		}

	}

}
