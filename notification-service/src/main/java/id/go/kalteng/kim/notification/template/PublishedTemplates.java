package id.go.kalteng.kim.notification.template;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The WhatsApp template list last published (one document, id
 * {@link WhatsAppTemplatesPublishedEvent#KEY}): a start-up publishes the configured list
 * only when it differs from this one, through the outbox, so a restart with the same list
 * publishes nothing and a changed one is announced exactly once.
 */
@Document(PublishedTemplates.COLLECTION)
class PublishedTemplates extends AggregateRoot {

	static final String COLLECTION = "whatsapp_templates";

	private List<WhatsAppTemplatesPublishedEvent.Template> templates;

	private Instant publishedAt;

	@PersistenceCreator
	private PublishedTemplates() {
		super(WhatsAppTemplatesPublishedEvent.KEY);
	}

	/** Nothing published yet. */
	static PublishedTemplates none() {
		return new PublishedTemplates();
	}

	/**
	 * Publishes the list unless it is the one published last.
	 * @return whether it was published
	 */
	boolean publish(List<WhatsAppTemplatesPublishedEvent.Template> current, Instant now) {
		if (this.templates != null && this.templates.equals(current)) {
			return false;
		}
		this.templates = List.copyOf(current);
		this.publishedAt = now;
		record(new WhatsAppTemplatesPublishedEvent(this.templates, now));
		return true;
	}

	List<WhatsAppTemplatesPublishedEvent.Template> getTemplates() {
		return (this.templates != null) ? this.templates : List.of();
	}

	Instant getPublishedAt() {
		return this.publishedAt;
	}

}
