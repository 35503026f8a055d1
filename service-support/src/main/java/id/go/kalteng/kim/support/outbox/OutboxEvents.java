package id.go.kalteng.kim.support.outbox;

import java.time.Clock;
import java.util.UUID;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.support.observability.TraceContexts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a domain event record into its outbox entry: type and topic from
 * {@link EventType}.
 */
public class OutboxEvents {

	private final JsonMapper json;

	private final Clock clock;

	public OutboxEvents(JsonMapper json, Clock clock) {
		this.json = json;
		this.clock = clock;
	}

	public OutboxEvent toOutbox(KimEvent event) {
		return toOutbox(event, UUID.randomUUID().toString());
	}

	/**
	 * The outbox entry of an event whose id the caller chose (the same each time the work
	 * that publishes it is redone), carrying the trace context of the current span.
	 * @param event the event
	 * @param id its CloudEvents id
	 * @return the entry
	 */
	public OutboxEvent toOutbox(KimEvent event, String id) {
		return toOutbox(event, id, TraceContexts.current());
	}

	/**
	 * The outbox entry of an event whose id the caller chose (the same each time the work
	 * that publishes it is redone).
	 * @param event the event
	 * @param id its CloudEvents id
	 * @param traceparent the W3C trace context its consumers continue, or null
	 * @return the entry
	 */
	public OutboxEvent toOutbox(KimEvent event, String id, String traceparent) {
		EventType type = event.getClass().getAnnotation(EventType.class);
		if (type == null) {
			throw new IllegalArgumentException(event.getClass().getName() + " is not a published event type");
		}
		return new OutboxEvent(id, type.value(), type.topic(), event.aggregateId(), event.kabupaten(),
				this.clock.instant(), this.json.writeValueAsString(event), traceparent);
	}

}
