package id.go.kalteng.kim.support.outbox;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * A pending event as it waits inside its aggregate's document: the CloudEvents envelope
 * and the JSON payload, ready to publish as is, and the W3C {@code traceparent} of the
 * work that recorded it (null outside a trace), so its consumers continue that trace
 * although the relay publishes it later from another thread.
 */
public record OutboxEvent(String id, String type, String topic, String key, String kabupaten, Instant time, String data,
		String traceparent) {

	static final String FIELD = "pendingEvents";

	/** An entry recorded outside any trace. */
	public OutboxEvent(String id, String type, String topic, String key, String kabupaten, Instant time, String data) {
		this(id, type, topic, key, kabupaten, time, data, null);
	}

	Document toDocument() {
		Document doc = new Document("id", this.id).append("type", this.type)
			.append("topic", this.topic)
			.append("key", this.key)
			.append("kabupaten", this.kabupaten)
			.append("time", Date.from(this.time))
			.append("data", this.data);
		if (this.traceparent != null) {
			doc.append("traceparent", this.traceparent);
		}
		return doc;
	}

	static OutboxEvent fromDocument(Document doc) {
		return new OutboxEvent(doc.getString("id"), doc.getString("type"), doc.getString("topic"), doc.getString("key"),
				doc.getString("kabupaten"), doc.getDate("time").toInstant(), doc.getString("data"),
				doc.getString("traceparent"));
	}

}
