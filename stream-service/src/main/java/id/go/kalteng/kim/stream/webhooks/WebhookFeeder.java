package id.go.kalteng.kim.stream.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import id.go.kalteng.kim.stream.publiclog.ConsumerLoop;
import id.go.kalteng.kim.stream.publiclog.PublicEvents;
import id.go.kalteng.kim.stream.publiclog.PublicTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the public log into deliveries: reads every kabupaten's topic (consumer group
 * {@code stream-service-webhooks}), creates one delivery per event and subscription that
 * wants it (events appended after the subscription was made), and commits the offsets
 * after the deliveries are stored: a batch handed over again finds them stored and
 * creates nothing twice.
 */
public class WebhookFeeder extends ConsumerLoop {

	private static final Logger log = LoggerFactory.getLogger(WebhookFeeder.class);

	private final WebhookProperties properties;

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final WebhookSubscriptions subscriptions;

	private final WebhookDeliveries deliveries;

	private final JsonMapper json;

	private final Clock clock;

	public WebhookFeeder(WebhookProperties properties, Supplier<Consumer<String, byte[]>> consumers,
			WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, JsonMapper json, Clock clock) {
		super("webhook-feeder");
		this.properties = properties;
		this.consumers = consumers;
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
		this.json = json;
		this.clock = clock;
	}

	/** The deliveries of a batch of public records, by the current subscriptions. */
	List<Document> deliveriesOf(Iterable<ConsumerRecord<String, byte[]>> records, String idSuffix,
			WebhookSubscription only) {
		List<Document> created = new ArrayList<>();
		Instant now = this.clock.instant();
		for (ConsumerRecord<String, byte[]> record : records) {
			String kabupaten = PublicTopics.kabupatenOf(record.topic()).orElse(null);
			String eventId = PublicEvents.header(record, "ce_id");
			String type = PublicEvents.header(record, "ce_type");
			if (kabupaten == null || eventId == null || type == null) {
				continue;
			}
			List<WebhookSubscription> wanting = (only != null) ? (only.wants(type) ? List.of(only) : List.of())
					: this.subscriptions.wanting(kabupaten, type);
			String body = null;
			for (WebhookSubscription subscription : wanting) {
				if (only == null && record.timestamp() < subscription.createdAt().toEpochMilli()) {
					continue;
				}
				if (body == null) {
					body = this.json.writeValueAsString(PublicEvents.cloudEvent(this.json, record));
				}
				created.add(WebhookDeliveries.delivery(subscription.id() + "/" + eventId + idSuffix, subscription,
						eventId, type, body, now));
			}
		}
		return created;
	}

	@Override
	protected boolean enabled() {
		return this.properties.enabled();
	}

	@Override
	protected void loop() {
		while (running()) {
			try (Consumer<String, byte[]> consumer = this.consumers.get()) {
				polling(consumer);
				consumer.subscribe(PublicTopics.all());
				while (running()) {
					ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
					if (!records.isEmpty()) {
						this.deliveries.create(deliveriesOf(records, "", null));
						consumer.commitSync();
					}
				}
			}
			catch (WakeupException ex) {
				// stopping
			}
			catch (RuntimeException ex) {
				if (running()) {
					log.warn("webhook feeder failed; starts over from the committed offsets: {}", ex.toString());
					try {
						Thread.sleep(1_000);
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
					}
				}
			}
			finally {
				polling(null);
			}
		}
	}

}
