package id.go.kalteng.kim.support.outbox;

import java.time.Instant;

/**
 * An event the relay parked, as an operator sees it: where it waits, what it is and why,
 * without its payload (which may hold personal data).
 *
 * @param collection the aggregate's collection
 * @param aggregateId the aggregate (the Kafka key)
 * @param eventId the event's {@code ce_id}
 * @param type the event type
 * @param topic the topic it was meant for
 * @param time when the change it announces happened
 * @param parkedAt when it was parked
 * @param error why the broker refused it; null for an event held behind another
 * @param heldBehind the parked event of the same aggregate this one waits behind, or null
 */
public record ParkedEvent(String collection, String aggregateId, String eventId, String type, String topic,
		Instant time, Instant parkedAt, String error, String heldBehind) {

}
