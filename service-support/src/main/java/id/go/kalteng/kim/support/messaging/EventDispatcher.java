package id.go.kalteng.kim.support.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.support.observability.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Routes the events of one topic to typed handlers, once per {@code ce_id}: a redelivered
 * event is acknowledged and skipped. Unknown types are skipped too (producers may add
 * types). A handler that throws leaves the event unmarked, so it is tried again: without
 * limit while the failure is passing (database or broker away), otherwise a few times
 * before it goes to the dead-letter topic ({@link ConsumerFailurePolicy}).
 * <p>
 * The event is marked handled after its handler returns, so a crash in between hands it
 * to the handler again. A handler whose effect is naturally idempotent (an upsert, a set,
 * a conditional move) needs nothing more; one whose effect is a single aggregate change
 * that is not (a counter, an appended entry, a new pending event) applies it through
 * {@code AggregateStore.changeOnce(inbound, ...)}, which records the event in the same
 * document update.
 * <p>
 * Handling continues the trace of the work that recorded the event (its
 * {@code traceparent} header): a run of a batch holds events of one type and one trace.
 */
public final class EventDispatcher {

	private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

	private final String consumer;

	private final ProcessedEvents processed;

	private final Map<String, BiConsumer<InboundEvent, byte[]>> handlers;

	private final Map<String, Consumer<List<InboundEvent>>> batchHandlers;

	private final boolean receipts;

	private final MeterRegistry meters;

	private EventDispatcher(Builder builder) {
		this.consumer = builder.consumer;
		this.processed = builder.processed;
		this.handlers = Map.copyOf(builder.handlers);
		this.batchHandlers = Map.copyOf(builder.batchHandlers);
		this.receipts = builder.receipts;
		this.meters = builder.meters;
	}

	/** Starts a dispatcher for a consumer; the name scopes the dedupe records. */
	public static Builder builder(String consumer, ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		return new Builder(consumer, processed, json, meters);
	}

	/** Handles one consumed message. */
	public void dispatch(Message<byte[]> message) {
		InboundEvent event = InboundEvent.from(message, this.consumer);
		if (!this.handlers.containsKey(event.type()) && !this.batchHandlers.containsKey(event.type())) {
			count(event, "ignored");
			return;
		}
		if (this.receipts && this.processed.isProcessed(this.consumer, event.id())) {
			log.debug("{} skips duplicate event {} ({})", this.consumer, event.id(), event.type());
			count(event, "duplicate");
			return;
		}
		String traceparent = TraceContexts.of(message.getHeaders());
		TraceContexts.remember(this.consumer, event.subject(), traceparent);
		TraceContexts.continued(traceparent, this.consumer, event.type(), () -> apply(List.of(event)));
		if (this.receipts) {
			this.processed.markProcessed(this.consumer, event);
		}
		count(event, "handled");
	}

	/**
	 * Handles the records of one poll (a binding in batch mode,
	 * {@code Message<List<byte[]>>} with each record's headers in
	 * {@link KafkaHeaders#BATCH_CONVERTED_HEADERS}).
	 * @see #dispatchAll(List)
	 */
	public void dispatchBatch(Message<?> batch) {
		dispatchAll(InboundEvent.split(batch));
	}

	/**
	 * Handles the records of one poll as {@link #dispatch} handles each, with one dedupe
	 * look-up and one dedupe insert per run of events instead of one each, and a batch
	 * handler called once per run of consecutive events of its type. When a record fails
	 * (not a CloudEvent, or its handler throws) the records before it are applied and
	 * remembered, and a {@link BatchListenerFailedException} names it: the container
	 * commits what came before and hands the batch again from it, and
	 * {@link ConsumerFailurePolicy} retries it (without limit while the failure passes,
	 * else up to the binding's attempts, then dead-letters it). A batch handler that
	 * throws is called again one event at a time to find the failing record, so its
	 * effect must be idempotent per event (as every handler's is: a crash before the
	 * events are remembered hands them over again).
	 */
	public void dispatchAll(List<Message<byte[]>> messages) {
		List<InboundEvent> events = new ArrayList<>(messages.size());
		List<String> traces = new ArrayList<>(messages.size());
		RuntimeException poison = null;
		for (Message<byte[]> message : messages) {
			try {
				InboundEvent event = InboundEvent.from(message, this.consumer);
				String traceparent = TraceContexts.of(message.getHeaders());
				events.add(event);
				traces.add(traceparent);
				TraceContexts.remember(this.consumer, event.subject(), traceparent);
			}
			catch (RuntimeException ex) {
				poison = ex;
				break;
			}
		}
		Set<String> handled = this.receipts ? this.processed.processedAmong(this.consumer,
				events.stream().filter(this::isHandled).map(InboundEvent::id).toList()) : Set.of();
		Set<String> seen = new HashSet<>(handled);
		List<Integer> run = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			InboundEvent event = events.get(i);
			if (!isHandled(event)) {
				count(event, "ignored");
				continue;
			}
			if (!seen.add(event.id())) {
				log.debug("{} skips duplicate event {} ({})", this.consumer, event.id(), event.type());
				count(event, "duplicate");
				continue;
			}
			if (!run.isEmpty() && (!events.get(run.get(0)).type().equals(event.type()) || !Objects
				.equals(TraceContexts.traceId(traces.get(run.get(0))), TraceContexts.traceId(traces.get(i))))) {
				applyTraced(events, traces, run);
				run.clear();
			}
			run.add(i);
		}
		applyTraced(events, traces, run);
		if (poison != null) {
			throw new BatchListenerFailedException(this.consumer + " got a record that is no CloudEvent", poison,
					events.size());
		}
	}

	private boolean isHandled(InboundEvent event) {
		return this.handlers.containsKey(event.type()) || this.batchHandlers.containsKey(event.type());
	}

	/**
	 * Applies a run in a span continuing the trace its events were recorded in (a run
	 * holds events of one trace: one broadcast's fan-out stays one run).
	 */
	private void applyTraced(List<InboundEvent> events, List<String> traces, List<Integer> run) {
		if (run.isEmpty()) {
			return;
		}
		TraceContexts.continued(traces.get(run.get(0)), this.consumer, events.get(run.get(0)).type(),
				() -> applyRun(events, run));
	}

	/**
	 * Applies consecutive events of one type: at once when its handler takes batches,
	 * else (or to find the failing one) one by one; remembers those applied.
	 */
	private void applyRun(List<InboundEvent> events, List<Integer> run) {
		if (run.isEmpty()) {
			return;
		}
		List<InboundEvent> batch = run.stream().map(events::get).toList();
		if (this.batchHandlers.containsKey(batch.get(0).type()) && batch.size() > 1) {
			try {
				apply(batch);
				remember(batch);
				return;
			}
			catch (RuntimeException ex) {
				if (TransientFailures.isTransient(ex)) {
					// the database or broker is away: every event would fail the same way
					throw new BatchListenerFailedException(this.consumer + " failed on a batch", ex, run.get(0));
				}
				log.warn("{} failed on a batch of {} {}, applying them one by one: {}", this.consumer, batch.size(),
						batch.get(0).type(), ex.toString());
			}
		}
		List<InboundEvent> applied = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			try {
				apply(List.of(batch.get(i)));
			}
			catch (RuntimeException ex) {
				remember(applied);
				throw new BatchListenerFailedException(this.consumer + " failed on event " + batch.get(i).id(), ex,
						run.get(i));
			}
			applied.add(batch.get(i));
		}
		remember(applied);
	}

	private void apply(List<InboundEvent> events) {
		Consumer<List<InboundEvent>> batchHandler = this.batchHandlers.get(events.get(0).type());
		if (batchHandler != null) {
			batchHandler.accept(events);
			return;
		}
		InboundEvent event = events.get(0);
		this.handlers.get(event.type()).accept(event, event.data());
	}

	private void remember(List<InboundEvent> applied) {
		if (this.receipts) {
			this.processed.markAllProcessed(this.consumer, applied);
		}
		applied.forEach((event) -> count(event, "handled"));
	}

	private void count(InboundEvent event, String outcome) {
		this.meters.counter("kim.events.consumed", "consumer", this.consumer, "type", event.type(), "outcome", outcome)
			.increment();
	}

	/** Collects the handlers of a dispatcher. */
	public static final class Builder {

		private final String consumer;

		private final ProcessedEvents processed;

		private final JsonMapper json;

		private final MeterRegistry meters;

		private final Map<String, BiConsumer<InboundEvent, byte[]>> handlers = new HashMap<>();

		private final Map<String, Consumer<List<InboundEvent>>> batchHandlers = new HashMap<>();

		private boolean receipts = true;

		private Builder(String consumer, ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
			this.consumer = consumer;
			this.processed = processed;
			this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
			this.meters = meters;
		}

		/**
		 * Handles events of the given record type (its {@link EventType} names the type).
		 */
		public <E> Builder on(Class<E> eventClass, Consumer<E> handler) {
			return on(eventClass, (event, inbound) -> handler.accept(event));
		}

		/** Handles events of the given record type, with access to the envelope. */
		public <E> Builder on(Class<E> eventClass, BiConsumer<E, InboundEvent> handler) {
			EventType type = eventClass.getAnnotation(EventType.class);
			if (type == null) {
				throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
			}
			this.handlers.put(type.value(),
					(inbound, data) -> handler.accept(this.json.readValue(data, eventClass), inbound));
			return this;
		}

		/**
		 * Handles the events of the given record type a batch at a time: the handler gets
		 * consecutive events of the type from one poll (one when dispatched singly), at
		 * most once each per {@code ce_id}. It must be idempotent per event: after a
		 * failure the events are handed over again, one at a time.
		 */
		public <E> Builder onBatch(Class<E> eventClass, Consumer<List<E>> handler) {
			String type = typeOf(eventClass);
			this.batchHandlers.put(type, (inbound) -> handler
				.accept(inbound.stream().map((event) -> this.json.readValue(event.data(), eventClass)).toList()));
			return this;
		}

		/**
		 * The handlers are idempotent by a key of their own (e.g. the id of what they
		 * create): no {@code processed_events} look-ups nor records; a {@code ce_id}
		 * repeated within a batch is still handled once.
		 */
		public Builder withoutReceipts() {
			this.receipts = false;
			return this;
		}

		private static String typeOf(Class<?> eventClass) {
			EventType type = eventClass.getAnnotation(EventType.class);
			if (type == null) {
				throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
			}
			return type.value();
		}

		public EventDispatcher build() {
			return new EventDispatcher(this);
		}

	}

}
