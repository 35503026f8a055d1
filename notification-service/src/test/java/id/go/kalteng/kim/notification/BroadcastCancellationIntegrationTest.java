package id.go.kalteng.kim.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import id.go.kalteng.kim.contracts.dissemination.BroadcastCancelledEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.notification.cancellation.CancelledSources;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broadcast cancelled while it is being sent (#10): from the moment
 * notification-service has the cancellation no message of it reaches the provider, every
 * one not yet sent ends CANCELLED (terminal) once, the sent ones stay SENT, and a request
 * that comes later ends CANCELLED at once. Requests come over Kafka as
 * dissemination-service publishes them; SMS goes at 20/s, so a backlog of 500 takes 25 s
 * to send.
 */
class BroadcastCancellationIntegrationTest extends NotificationIntegrationTest {

	@Autowired
	CancelledSources cancelledSources;

	@Test
	void aBroadcastCancelledMidSendSendsNothingMoreAndEndsEveryUnsentOneCancelledOnce() {
		String broadcastId = UUID.randomUUID().toString();
		List<NotificationRequestedEvent> requests = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			requests.add(request(randomPhone(), "SMS", "NORMAL", "62.71", broadcastId, Instant.now()));
		}
		List<String> ids = requests.stream().map(NotificationRequestedEvent::notificationId).toList();
		ScriptedChannelProvider sms = scripted(Channel.SMS);
		requests.forEach(publisher::publish);
		await().atMost(TIMEOUT).until(() -> sentBy(sms, ids) >= 30);

		publisher
			.publish(new BroadcastCancelledEvent(broadcastId, "62.71", "operator-1", "pesan keliru", Instant.now()));

		// processed: remembered (so no send starts any more), and its pass has begun
		await().atMost(TIMEOUT).until(() -> count(ids, NotificationStatus.CANCELLED) > 0);
		long sentWhenProcessed = sentBy(sms, ids);
		await().atMost(TIMEOUT)
			.until(() -> count(ids, NotificationStatus.SENT) + count(ids, NotificationStatus.CANCELLED) == ids.size());
		long sent = count(ids, NotificationStatus.SENT);
		long cancelled = count(ids, NotificationStatus.CANCELLED);
		// nothing more reaches the provider, however long one waits
		await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).until(() -> sentBy(sms, ids) == sent);
		// at most a send that had passed its last check as the cancellation came
		assertThat(sent - sentWhenProcessed).isLessThanOrEqualTo(1);
		assertThat(cancelled).isGreaterThan(300);
		assertThat(ids).allSatisfy((id) -> assertThat(sms.calls(id)).as("sends of %s", id).isLessThanOrEqualTo(1));
		// every status event says whether it is the last; each unsent one is CANCELLED
		// once
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(statusEvents(ids, "CANCELLED")).hasSize((int) cancelled));
		Map<String, List<JsonNode>> cancelledEvents = statusEvents(ids, "CANCELLED");
		assertThat(cancelledEvents.values()).allSatisfy((events) -> {
			assertThat(events).hasSize(1);
			assertThat(events.get(0).path("terminal").asBoolean()).isTrue();
			assertThat(events.get(0).path("reason").asString()).isEqualTo("broadcast-cancelled");
			// QUEUED before, or none: a request still on its way when the cancellation
			// came ends CANCELLED at intake
			assertThat(events.get(0).path("previousStatus").asString()).isIn("QUEUED", "");
		});
		// the sandbox gives no delivery reports: a SENT through it is final
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(statusEvents(ids, "SENT")).hasSize((int) sent));
		assertThat(statusEvents(ids, "SENT").values()).allSatisfy(
				(events) -> assertThat(events.get(0).path("terminal").asBoolean()).as("SENT terminal").isTrue());
		assertThat(statusEvents(ids, "QUEUED").values()).allSatisfy(
				(events) -> assertThat(events.get(0).path("terminal").asBoolean()).as("QUEUED terminal").isFalse());
	}

	@Test
	void aRequestThatArrivesAfterItsBroadcastWasCancelledEndsCancelledAtOnceAndIsNeverSent() {
		String broadcastId = UUID.randomUUID().toString();
		publisher.publish(new BroadcastCancelledEvent(broadcastId, "62.71", "operator-1", null, Instant.now()));
		await().atMost(TIMEOUT).until(() -> this.cancelledSources.isCancelled("BROADCAST:" + broadcastId));

		NotificationRequestedEvent late = request(randomPhone(), "WHATSAPP", "URGENT", "62.71", broadcastId,
				Instant.now());
		publisher.publish(late);

		await().atMost(TIMEOUT).until(() -> this.store.findById(late.notificationId(), Notification.class).isPresent());
		Notification stored = this.store.findById(late.notificationId(), Notification.class).orElseThrow();
		assertThat(stored.getStatus()).isEqualTo(NotificationStatus.CANCELLED);
		assertThat(stored.getAttempts()).isZero();
		assertThat(scripted(Channel.WHATSAPP).calls(late.notificationId())).isZero();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(statusEvents(List.of(late.notificationId()), "CANCELLED"))
				.containsKey(late.notificationId()));
	}

	@Test
	void aPassHalfDoneIsFinishedByARepeatedCancellationWithoutEndingAnyTwice() {
		String broadcastId = UUID.randomUUID().toString();
		// waiting for a retry an hour away: nothing sends them meanwhile
		Instant later = Instant.now().plus(Duration.ofHours(1));
		List<Notification> queued = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String phone = randomPhone();
			queued.add(Notification.queued(request(phone, "SMS", "NORMAL", "62.71", broadcastId, Instant.now()), phone,
					this.pseudonyms.of(phone), Channel.SMS, later));
		}
		this.store.insertAllIgnoringExisting(queued);
		List<String> ids = queued.stream().map(Notification::getId).toList();
		List<Notification> loaded = this.mongo.find(Query.query(Criteria.where("_id").in(ids)), Notification.class);
		// three change between the load and the bulk save (a claim elsewhere, say)
		List<String> raced = ids.subList(0, 3);
		this.mongo.updateMulti(Query.query(Criteria.where("_id").in(raced)), new Update().inc("version", 1L),
				Notification.class);
		loaded.forEach((n) -> n.cancel(Instant.now()));

		assertThat(this.store.saveAll(loaded)).isEqualTo(7);

		assertThat(this.mongo.find(Query.query(Criteria.where("_id").in(raced)), Notification.class))
			.allSatisfy((n) -> assertThat(n.getStatus()).isEqualTo(NotificationStatus.QUEUED));
		assertThat(count(ids, NotificationStatus.CANCELLED)).isEqualTo(7);
		Map<String, Long> versions = versionsOf(ids.subList(3, 10));

		// the cancellation comes (again): only what is left is ended
		BroadcastCancelledEvent cancel = new BroadcastCancelledEvent(broadcastId, "62.71", "operator-1", null,
				Instant.now());
		publisher.publish(cancel);
		await().atMost(TIMEOUT).until(() -> count(ids, NotificationStatus.CANCELLED) == 10);
		publisher.publish(cancel);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(statusEvents(ids, "CANCELLED")).hasSize(10)
				.allSatisfy((id, events) -> assertThat(events).hasSize(1)));
		await().during(Duration.ofSeconds(1))
			.atMost(TIMEOUT)
			.until(() -> versionsOf(ids.subList(3, 10)).equals(versions));
		assertThat(ids).allSatisfy((id) -> assertThat(scripted(Channel.SMS).calls(id)).isZero());
	}

	@Test
	void aCancellationAnotherInstanceStoredReachesThisOneAndItsQueuedNotificationsEndWithoutAPass() {
		// as a pass that crashed right after storing the cancellation leaves it, or
		// another instance that consumed the event: stored, nothing ended
		String broadcastId = UUID.randomUUID().toString();
		this.mongo.getCollection(CancelledSources.COLLECTION)
			.insertOne(new Document("_id", "BROADCAST:" + broadcastId).append("sourceType", "BROADCAST")
				.append("sourceId", broadcastId));
		await().atMost(TIMEOUT).until(() -> this.cancelledSources.isCancelled("BROADCAST:" + broadcastId));
		List<Notification> queued = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String phone = randomPhone();
			queued.add(Notification.queued(request(phone, "SMS", "NORMAL", "62.71", broadcastId, Instant.now()), phone,
					this.pseudonyms.of(phone), Channel.SMS, Instant.now()));
		}
		List<String> ids = queued.stream().map(Notification::getId).toList();

		// written by an instance that did not know it yet: the recovery scan finds them
		this.store.insertAllIgnoringExisting(queued);

		await().atMost(TIMEOUT).until(() -> count(ids, NotificationStatus.CANCELLED) == ids.size());
		assertThat(ids).allSatisfy((id) -> assertThat(scripted(Channel.SMS).calls(id)).isZero());
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(statusEvents(ids, "CANCELLED")).hasSize(ids.size())
				.allSatisfy((id, events) -> assertThat(events).hasSize(1)));
	}

	private long count(Collection<String> ids, NotificationStatus status) {
		return this.mongo.count(Query.query(Criteria.where("_id").in(ids).and("status").is(status)),
				Notification.class);
	}

	private Map<String, Long> versionsOf(Collection<String> ids) {
		Map<String, Long> versions = new HashMap<>();
		this.mongo.find(Query.query(Criteria.where("_id").in(ids)), Notification.class)
			.forEach((n) -> versions.put(n.getId(), n.getVersion()));
		return versions;
	}

	private static long sentBy(ScriptedChannelProvider provider, Collection<String> ids) {
		Set<String> wanted = Set.copyOf(ids);
		return provider.accepted().stream().filter(wanted::contains).count();
	}

	/** The status events of these notifications with that status, by notification. */
	private Map<String, List<JsonNode>> statusEvents(Collection<String> ids, String status) {
		Set<String> wanted = Set.copyOf(ids);
		Map<String, List<JsonNode>> found = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : events.poll()) {
			String subject = TopicReader.header(record, "ce_subject");
			if (wanted.contains(subject)
					&& NotificationStatusChangedEvent.TYPE.equals(TopicReader.header(record, "ce_type"))) {
				JsonNode event = this.json.readTree(TopicReader.value(record));
				if (status.equals(event.path("status").asString())) {
					found.computeIfAbsent(subject, (k) -> new ArrayList<>()).add(event);
				}
			}
		}
		return found;
	}

	private ScriptedChannelProvider scripted(Channel channel) {
		return (ScriptedChannelProvider) this.providers.of(channel).orElseThrow();
	}

}
