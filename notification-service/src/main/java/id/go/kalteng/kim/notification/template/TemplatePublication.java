package id.go.kalteng.kim.notification.template;

import java.time.Clock;

import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, announces the approved WhatsApp templates
 * ({@code whatsapp-templates-published}, key {@code whatsapp-templates}) when they differ
 * from the list published last, so other services validate against what this deployment
 * can send. Two instances starting at once publish it once: the save is by version.
 */
@Component
class TemplatePublication implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(TemplatePublication.class);

	private final AggregateStore store;

	private final WhatsAppTemplates templates;

	private final Clock clock;

	TemplatePublication(AggregateStore store, WhatsAppTemplates templates, Clock clock) {
		this.store = store;
		this.templates = templates;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		publishIfChanged();
	}

	/**
	 * @return whether the list was published (it differed from the last one)
	 */
	boolean publishIfChanged() {
		try {
			boolean published = this.store.changeOrCreate(WhatsAppTemplatesPublishedEvent.KEY, PublishedTemplates.class,
					PublishedTemplates::none, (last) -> last.publish(this.templates.all(), this.clock.instant()));
			log.info("WhatsApp templates: {} approved{}", this.templates.all().size(),
					published ? ", published (the list changed)" : ", as published before");
			return published;
		}
		catch (RuntimeException ex) {
			// the service still sends; the next start-up publishes
			log.error("Could not publish the WhatsApp templates: {}", ex.toString());
			return false;
		}
	}

}
