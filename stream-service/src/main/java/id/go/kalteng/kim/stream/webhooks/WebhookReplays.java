package id.go.kalteng.kim.stream.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import id.go.kalteng.kim.stream.publiclog.PublicTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

/**
 * {@code POST /api/webhook-subscriptions/{id}/replay?from=}: delivers again, as new
 * deliveries with the same {@code webhook-id}s, the subscription's events appended to its
 * kabupaten's log since a time, up to what the log held when asked (at most
 * {@code max-replay} events read per request; the answer says where it stopped).
 */
public class WebhookReplays {

	private final WebhookProperties properties;

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final WebhookFeeder feeder;

	private final WebhookDeliveries deliveries;

	private final Clock clock;

	public WebhookReplays(WebhookProperties properties, Supplier<Consumer<String, byte[]>> consumers,
			WebhookFeeder feeder, WebhookDeliveries deliveries, Clock clock) {
		this.properties = properties;
		this.consumers = consumers;
		this.feeder = feeder;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	public Replay replay(WebhookSubscription subscription, Instant from) {
		TopicPartition partition = new TopicPartition(PublicTopics.of(subscription.kabupaten()), 0);
		String replayId = "replay-" + this.clock.millis();
		try (Consumer<String, byte[]> consumer = this.consumers.get()) {
			consumer.assign(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			Map<TopicPartition, OffsetAndTimestamp> start = consumer
				.offsetsForTimes(Map.of(partition, from.toEpochMilli()));
			long position = (start.get(partition) != null) ? start.get(partition).offset() : end;
			consumer.seek(partition, position);
			int read = 0;
			int scheduled = 0;
			Instant deadline = this.clock.instant().plus(Duration.ofSeconds(30));
			while (position < end && read < this.properties.maxReplay() && this.clock.instant().isBefore(deadline)) {
				List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
					if (record.offset() < end && read < this.properties.maxReplay()) {
						batch.add(record);
						read++;
						position = record.offset() + 1;
					}
				}
				if (batch.isEmpty()) {
					position = Math.max(position, consumer.position(partition));
					continue;
				}
				List<Document> created = this.feeder.deliveriesOf(batch, "/" + replayId, subscription);
				this.deliveries.create(created);
				scheduled += created.size();
			}
			return new Replay(replayId, from, read, scheduled, position >= end);
		}
	}

	/**
	 * What a replay did: events read, deliveries scheduled, and whether it reached the
	 * end of the log.
	 */
	public record Replay(String id, Instant from, int eventsRead, int deliveriesScheduled, boolean complete) {

	}

}
