package id.go.kalteng.kim.support.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

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
 */
public final class EventDispatcher {

	private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

	private final String consumer;

	private final ProcessedEvents processed;

	private final Map<String, BiConsumer<InboundEvent, byte[]>> handlers;

	private final MeterRegistry meters;

	private EventDispatcher(Builder builder) {
		this.consumer = builder.consumer;
		this.processed = builder.processed;
		this.handlers = Map.copyOf(builder.handlers);
		this.meters = builder.meters;
	}

	/** Starts a dispatcher for a consumer; the name scopes the dedupe records. */
	public static Builder builder(String consumer, ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		return new Builder(consumer, processed, json, meters);
	}

	/** Handles one consumed message. */
	public void dispatch(Message<byte[]> message) {
		InboundEvent event = InboundEvent.from(message, this.consumer);
		BiConsumer<InboundEvent, byte[]> handler = this.handlers.get(event.type());
		if (handler == null) {
			count(event, "ignored");
			return;
		}
		if (this.processed.isProcessed(this.consumer, event.id())) {
			log.debug("{} skips duplicate event {} ({})", this.consumer, event.id(), event.type());
			count(event, "duplicate");
			return;
		}
		handler.accept(event, event.data());
		this.processed.markProcessed(this.consumer, event);
		count(event, "handled");
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

		public EventDispatcher build() {
			return new EventDispatcher(this);
		}

	}

}
