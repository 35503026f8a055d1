package id.go.kalteng.kim.stream.webhooks;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/**
 * An agency's registered endpoint: the kabupaten whose public log it receives, the event
 * types it chose (empty: all), its signing secret and whether deliveries still go out.
 */
public record WebhookSubscription(String id, String kabupaten, String url, List<String> types, String secret,
		Status status, String createdBy, Instant createdAt, String disabledReason) {

	/** Where a subscription stands. */
	public enum Status {

		/** Deliveries go out. */
		ACTIVE,
		/** The receiver answered 410 Gone: nothing more is sent. */
		DISABLED,
		/** The agency deleted it. */
		DELETED

	}

	/** Whether an event of this type goes to this subscription. */
	public boolean wants(String type) {
		return this.status == Status.ACTIVE && (this.types.isEmpty() || this.types.contains(type));
	}

	Document toDocument() {
		return new Document("_id", this.id).append("kabupaten", this.kabupaten)
			.append("url", this.url)
			.append("types", this.types)
			.append("secret", this.secret)
			.append("status", this.status.name())
			.append("createdBy", this.createdBy)
			.append("createdAt", Date.from(this.createdAt))
			.append("disabledReason", this.disabledReason);
	}

	static WebhookSubscription of(Document document) {
		return new WebhookSubscription(document.getString("_id"), document.getString("kabupaten"),
				document.getString("url"), document.getList("types", String.class, List.of()),
				document.getString("secret"), Status.valueOf(document.getString("status")),
				document.getString("createdBy"), document.getDate("createdAt").toInstant(),
				document.getString("disabledReason"));
	}

	WebhookSubscription withStatus(Status status, String reason) {
		return new WebhookSubscription(this.id, this.kabupaten, this.url, this.types, this.secret, status,
				this.createdBy, this.createdAt, reason);
	}

}
