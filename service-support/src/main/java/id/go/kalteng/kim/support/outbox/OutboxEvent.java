package id.go.kalteng.kim.support.outbox;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * A pending event as it waits inside its aggregate's document: the CloudEvents envelope
 * and the JSON payload, ready to publish as is.
 */
public record OutboxEvent(String id, String type, String topic, String key, String kabupaten, Instant time,
		String data) {

	static final String FIELD = "pendingEvents";

	Document toDocument() {
		return new Document("id", this.id).append("type", this.type)
			.append("topic", this.topic)
			.append("key", this.key)
			.append("kabupaten", this.kabupaten)
			.append("time", Date.from(this.time))
			.append("data", this.data);
	}

	static OutboxEvent fromDocument(Document doc) {
		return new OutboxEvent(doc.getString("id"), doc.getString("type"), doc.getString("topic"), doc.getString("key"),
				doc.getString("kabupaten"), doc.getDate("time").toInstant(), doc.getString("data"));
	}

}
