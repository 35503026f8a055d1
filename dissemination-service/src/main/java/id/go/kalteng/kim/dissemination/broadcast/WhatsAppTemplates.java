package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The WhatsApp templates notification-service can send, as its latest
 * {@code whatsapp-templates-published} event lists them (collection {@value #COLLECTION},
 * one document keyed by the event's key; an older list never replaces a newer one). A
 * broadcast's {@code whatsappTemplate} is checked against it: an unknown name or language
 * or a wrong number of variables is 400. Before any list has arrived the template cannot
 * be checked: it is accepted and the broadcast says so
 * ({@code whatsappTemplate.verified: false}).
 */
@Service
public class WhatsAppTemplates {

	static final String COLLECTION = "whatsapp_templates";

	private final MongoTemplate mongo;

	WhatsAppTemplates(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Keeps the newest list (idempotent: a repeated or older one changes nothing).
	 * @param event the list
	 */
	public void published(WhatsAppTemplatesPublishedEvent event) {
		Document stored = collection().find(Filters.eq("_id", WhatsAppTemplatesPublishedEvent.KEY)).first();
		if (stored != null && stored.getDate("publishedAt") != null && event.publishedAt() != null
				&& !event.publishedAt().isAfter(stored.getDate("publishedAt").toInstant())) {
			return;
		}
		List<Document> templates = new ArrayList<>();
		for (WhatsAppTemplatesPublishedEvent.Template template : event.templates()) {
			templates.add(new Document("name", template.name()).append("language", template.language())
				.append("category", template.category())
				.append("variables", template.variables())
				.append("body", template.body()));
		}
		collection().replaceOne(Filters.eq("_id", WhatsAppTemplatesPublishedEvent.KEY),
				new Document("_id", WhatsAppTemplatesPublishedEvent.KEY).append("templates", templates)
					.append("publishedAt", (event.publishedAt() != null) ? Date.from(event.publishedAt()) : null),
				new ReplaceOptions().upsert(true));
	}

	/**
	 * Checks a broadcast's template against the latest list.
	 * @param template the template (null: nothing to check)
	 * @return whether it was checked (false: no list received yet)
	 * @throws DomainException 400 naming what does not match
	 */
	boolean check(WhatsAppTemplate template) {
		if (template == null) {
			return true;
		}
		Optional<List<Document>> known = latest();
		if (known.isEmpty()) {
			return false;
		}
		List<Document> sameName = known.get()
			.stream()
			.filter((t) -> template.name().equals(t.getString("name")))
			.toList();
		if (sameName.isEmpty()) {
			throw DomainException.invalid(List.of(new FieldViolation("whatsappTemplate.name",
					"no approved WhatsApp template of that name; known: " + String.join(", ",
							known.get().stream().map((t) -> t.getString("name")).distinct().toList()),
					template.name())));
		}
		Document match = sameName.stream()
			.filter((t) -> template.language().equals(t.getString("language")))
			.findFirst()
			.orElseThrow(() -> DomainException.invalid(List.of(new FieldViolation("whatsappTemplate.language",
					"the template is approved in "
							+ String.join(", ", sameName.stream().map((t) -> t.getString("language")).toList())
							+ " only",
					template.language()))));
		int expected = match.getInteger("variables", 0);
		int given = (template.variables() != null) ? template.variables().size() : 0;
		if (expected != given) {
			throw DomainException.invalid(List.of(new FieldViolation("whatsappTemplate.variables",
					"the template takes " + expected + " variable(s)", String.valueOf(given))));
		}
		return true;
	}

	/**
	 * The latest list, if one was received.
	 * @return the templates (name, language, category, variables, body)
	 */
	Optional<List<Document>> latest() {
		Document stored = collection().find(Filters.eq("_id", WhatsAppTemplatesPublishedEvent.KEY)).first();
		return Optional.ofNullable(stored).map((doc) -> doc.getList("templates", Document.class, List.of()));
	}

	/**
	 * When the latest list was published.
	 * @return the time, if a list was received
	 */
	Optional<Instant> publishedAt() {
		Document stored = collection().find(Filters.eq("_id", WhatsAppTemplatesPublishedEvent.KEY)).first();
		return Optional.ofNullable(stored).map((doc) -> doc.getDate("publishedAt")).map(Date::toInstant);
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

}
