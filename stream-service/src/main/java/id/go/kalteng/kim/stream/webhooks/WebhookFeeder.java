package id.go.kalteng.kim.stream.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import id.go.kalteng.kim.stream.publiclog.ConsumerLoop;
import id.go.kalteng.kim.stream.publiclog.PublicEvents;
import id.go.kalteng.kim.stream.publiclog.PublicTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
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

	private final Supplier<Producer<String, byte[]>> deadLetters;

	public WebhookFeeder(WebhookProperties properties, Supplier<Consumer<String, byte[]>> consumers,
			WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, JsonMapper json, Clock clock,
			Supplier<Producer<String, byte[]>> deadLetters) {
		super("webhook-feeder");
		this.properties = properties;
		this.consumers = consumers;
		this.deadLetters = deadLetters;
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
		this.json = json;
		this.clock = clock;
	}

	/** The deliveries of a batch of public records, by the current subscriptions. */
	List<Document> deliveriesOf(Iterable<ConsumerRecord<String, byte[]>> records, String idSuffix,
			WebhookSubscription only) {
		return deliveriesOf(records, idSuffix, only, new ArrayList<>());
	}

	/**
	 * The same, with the records no one can read (no CloudEvent headers, a payload that
	 * is not JSON) added to {@code poison} instead: building their body would fail the
	 * whole batch again and again, and the partition would stand still (issue #13).
	 */
	List<Document> deliveriesOf(Iterable<ConsumerRecord<String, byte[]>> records, String idSuffix,
			WebhookSubscription only, List<ConsumerRecord<String, byte[]>> poison) {
		List<Document> created = new ArrayList<>();
		Instant now = this.clock.instant();
		for (ConsumerRecord<String, byte[]> record : records) {
			String kabupaten = PublicTopics.kabupatenOf(record.topic()).orElse(null);
			String eventId = PublicEvents.header(record, "ce_id");
			String type = PublicEvents.header(record, "ce_type");
			if (kabupaten == null) {
				continue;
			}
			if (eventId == null || type == null || !isJson(record.value())) {
				poison.add(record);
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

	private boolean isJson(byte[] value) {
		try {
			return value != null && this.json.readTree(value) != null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * Poison goes, as it came, to {@code error.<topic>.stream-service-webhooks} (where
	 * the other consumers' dead letters go) before the offsets move past it.
	 */
	private void deadLetter(List<ConsumerRecord<String, byte[]>> poison) {
		if (poison.isEmpty()) {
			return;
		}
		try (Producer<String, byte[]> producer = this.deadLetters.get()) {
			for (ConsumerRecord<String, byte[]> record : poison) {
				producer
					.send(new ProducerRecord<>("error." + record.topic() + "." + WebhookConfiguration.GROUP, null,
							record.key(), record.value(), record.headers()))
					.get(30, TimeUnit.SECONDS);
				log.error("{} dead-lettered {}-{}@{}: not a readable CloudEvent", WebhookConfiguration.GROUP,
						record.topic(), record.partition(), record.offset());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while dead-lettering", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("dead-lettering failed: " + ex, ex);
		}
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
						List<ConsumerRecord<String, byte[]>> poison = new ArrayList<>();
						this.deliveries.create(deliveriesOf(records, "", null, poison));
						deadLetter(poison);
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
