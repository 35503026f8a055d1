package id.go.kalteng.kim.stream.publiclog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes every domain topic and republishes each event, redacted ({@link Redaction}),
 * to the public topic of its kabupaten, or of every kabupaten when it has none.
 * <p>
 * Exactly once per event and topic: each poll is one Kafka transaction holding the public
 * records and the consumed offsets ({@code sendOffsetsToTransaction}), so a crash or
 * restart either published the whole batch and moved past it or published none of it
 * (readers use {@code read_committed}); and an event id that arrives a second time from
 * another source record (an outbox relay publishes at least once) is skipped by
 * {@link RecentlyPublished}, rebuilt from the public topics whenever partitions are
 * assigned. Only {@code ce_id}, {@code ce_type}, {@code ce_time}, {@code ce_kabupaten},
 * {@code ce_source} and {@code ce_specversion} travel on; the key is the event id (a
 * source key may be a phone's pseudonym).
 */
public class PublicLogRepublisher extends ConsumerLoop {

	private static final Logger log = LoggerFactory.getLogger(PublicLogRepublisher.class);

	/** The headers the public log keeps. */
	static final List<String> KEPT_HEADERS = List.of("ce_id", "ce_type", "ce_time", "ce_kabupaten", "ce_source",
			"ce_specversion");

	private final PublicLogProperties properties;

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final Supplier<Producer<String, byte[]>> producers;

	private final Redaction redaction;

	private final RecentlyPublished recent;

	private final Supplier<Consumer<String, byte[]>> tailReaders;

	private final MeterRegistry meters;

	/** Runs after the records were sent, before the commit; tests crash a batch there. */
	private volatile Runnable beforeCommit = () -> {
	};

	public PublicLogRepublisher(PublicLogProperties properties, Supplier<Consumer<String, byte[]>> consumers,
			Supplier<Producer<String, byte[]>> producers, Redaction redaction, RecentlyPublished recent,
			Supplier<Consumer<String, byte[]>> tailReaders, MeterRegistry meters) {
		super("public-log-republisher");
		this.properties = properties;
		this.consumers = consumers;
		this.producers = producers;
		this.redaction = redaction;
		this.recent = recent;
		this.tailReaders = tailReaders;
		this.meters = meters;
	}

	@Override
	protected boolean enabled() {
		return this.properties.enabled();
	}

	@Override
	protected void loop() {
		while (running()) {
			try (Consumer<String, byte[]> consumer = this.consumers.get();
					Producer<String, byte[]> producer = this.producers.get()) {
				polling(consumer);
				producer.initTransactions();
				consumer.subscribe(this.properties.sourceTopics(), new ConsumerRebalanceListener() {
					@Override
					public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
						// another instance may have published since: the log says what it
						// holds
						PublicLogRepublisher.this.recent.reload(PublicLogRepublisher.this.tailReaders,
								PublicTopics.all(), Duration.ofSeconds(60));
					}

					@Override
					public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
					}
				});
				while (running()) {
					ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
					if (!records.isEmpty()) {
						republish(consumer, producer, records);
					}
				}
			}
			catch (WakeupException ex) {
				// stopping
			}
			catch (RuntimeException ex) {
				if (running()) {
					log.warn("public log republisher failed; starts over from the committed offsets: {}",
							ex.toString());
					this.meters.counter("kim.stream.public-log.failures").increment();
					pause();
				}
			}
			finally {
				polling(null);
			}
		}
	}

	/**
	 * One batch, one transaction. On any failure the transaction is aborted and the
	 * exception ends this consumer and producer: the next ones start from the committed
	 * offsets, so nothing of the batch is lost or published twice.
	 */
	void republish(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
			ConsumerRecords<String, byte[]> records) {
		List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
		records.forEach(batch::add);
		Set<String> taken = new LinkedHashSet<>();
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		producer.beginTransaction();
		try {
			int published = 0;
			for (ConsumerRecord<String, byte[]> record : batch) {
				offsets.put(new TopicPartition(record.topic(), record.partition()),
						new OffsetAndMetadata(record.offset() + 1));
				String id = header(record, "ce_id");
				String type = header(record, "ce_type");
				if (id == null || type == null) {
					// poison: every consumer of the domain topics dead-letters it (issue
					// #13), so the public log does too, in this batch's transaction
					deadLetter(producer, record, "not a CloudEvent: ce_id or ce_type header missing");
					continue;
				}
				if (this.recent.contains(id) || !taken.add(id)) {
					count("duplicate");
					continue;
				}
				List<String> topics = PublicTopics.forEvent(header(record, "ce_kabupaten"));
				Optional<byte[]> payload = this.redaction.redact(type, record.value());
				if (payload.isEmpty() && this.redaction.knows(type)) {
					deadLetter(producer, record, "the payload of a " + type + " is not a JSON object");
					continue;
				}
				if (payload.isEmpty() || topics.isEmpty()) {
					count(payload.isEmpty() ? "no-schema" : "unknown-kabupaten");
					continue;
				}
				for (String topic : topics) {
					producer.send(publicRecord(topic, id, record, payload.get()));
					published++;
				}
				count("republished");
			}
			this.beforeCommit.run();
			producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
			producer.commitTransaction();
			// only now: a batch aborted and handed over again is published again
			this.recent.addAll(taken);
			this.meters.counter("kim.stream.public-log.records").increment(published);
		}
		catch (RuntimeException ex) {
			abort(producer);
			throw ex;
		}
	}

	/**
	 * A record no one can read goes, as it came, to {@code error.<topic>.<group>} (where
	 * the other consumers' dead letters go; {@code ./kim dlq} lists and replays them) in
	 * the batch's transaction, and the partition goes on.
	 */
	private void deadLetter(Producer<String, byte[]> producer, ConsumerRecord<String, byte[]> record, String reason) {
		ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetterTopic(record.topic()), null, record.key(),
				record.value(), record.headers());
		dead.headers().add("kim_dead_letter_reason", reason.getBytes(StandardCharsets.UTF_8));
		producer.send(dead);
		log.error("{} dead-lettered {}-{}@{}: {}", PublicLogConfiguration.GROUP, record.topic(), record.partition(),
				record.offset(), reason);
		count("dead-lettered");
	}

	static String deadLetterTopic(String topic) {
		return "error." + topic + "." + PublicLogConfiguration.GROUP;
	}

	private static ProducerRecord<String, byte[]> publicRecord(String topic, String id,
			ConsumerRecord<String, byte[]> source, byte[] payload) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, 0, id, payload);
		for (String name : KEPT_HEADERS) {
			Header header = source.headers().lastHeader(name);
			if (header != null) {
				record.headers().add(name, header.value());
			}
		}
		record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private static void abort(Producer<String, byte[]> producer) {
		try {
			producer.abortTransaction();
		}
		catch (RuntimeException ex) {
			// fenced or closed: the transaction times out on the broker and is aborted
			// there
		}
	}

	private void pause() {
		try {
			Thread.sleep(this.properties.failureBackoff().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void count(String outcome) {
		this.meters.counter("kim.stream.public-log.events", "outcome", outcome).increment();
	}

	void beforeCommit(Runnable hook) {
		this.beforeCommit = hook;
	}

	static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
