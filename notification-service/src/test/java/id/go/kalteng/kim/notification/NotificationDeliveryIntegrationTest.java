package id.go.kalteng.kim.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.notification.ChannelOptedInEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedOutEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.optout.ReplyConfirmations;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static id.go.kalteng.kim.notification.NotificationFixtures.notifications;
import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static id.go.kalteng.kim.notification.NotificationFixtures.sandboxMessages;
import static id.go.kalteng.kim.notification.NotificationFixtures.sandboxWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Requests arrive on {@code kim.notification.requests} as dissemination-service publishes
 * them; what reaches the sandbox and what is announced on {@code kim.notification.events}
 * is checked from outside.
 */
class NotificationDeliveryIntegrationTest extends NotificationIntegrationTest {

	@Test
	void eachRequestIsSentExactlyOnceAndAnnouncedAsQueuedThenSent() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent sms = request(phone, "SMS", "NORMAL", "62.71");
		NotificationRequestedEvent whatsapp = request(phone, "WHATSAPP", "NORMAL", "62.71");

		publisher.publish(UUID.randomUUID().toString(), sms);
		publisher.publish(UUID.randomUUID().toString(), whatsapp);

		await().atMost(TIMEOUT).until(() -> messageCount(phone) == 2);
		JsonNode items = sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("items");
		assertThat(items.valueStream().map((item) -> item.path("channel").asString())).containsExactlyInAnyOrder("SMS",
				"WHATSAPP");
		assertThat(items.valueStream().map((item) -> item.path("notificationId").asString()))
			.containsExactlyInAnyOrder(sms.notificationId(), whatsapp.notificationId());
		JsonNode first = items.valueStream()
			.filter((item) -> item.path("channel").asString().equals("SMS"))
			.findFirst()
			.orElseThrow();
		assertThat(first.path("phone").asString()).isEqualTo(phone);
		assertThat(first.path("text").asString()).isEqualTo(sms.text());
		assertThat(first.path("sourceId").asString()).isEqualTo(sms.sourceId());
		assertThat(first.path("id").asString()).startsWith("sbx-");
		assertThat(first.path("sentAt").asString()).endsWith("+07:00");

		for (NotificationRequestedEvent request : List.of(sms, whatsapp)) {
			awaitStatusEvents(request.notificationId(), "QUEUED", "SENT");
		}
		JsonNode sent = notifications(this.mvc, this.json, OPERATOR, "phone", phone, "status", "SENT");
		assertThat(sent.path("total").asInt()).isEqualTo(2);
		assertThat(sent.path("items").get(0).path("attempts").asInt()).isEqualTo(1);
		assertThat(sent.path("items").get(0).path("providerMessageId").asString()).startsWith("sbx-");
	}

	@Test
	void aRepeatedRequestOrARedeliveredRecordSendsNothingTwice() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent request = request(phone, "SMS", "NORMAL", "62.02");
		String eventId = UUID.randomUUID().toString();
		double duplicatesBefore = duplicatesSkipped();

		publisher.publish(eventId, request);
		publisher.publish(UUID.randomUUID().toString(), request);
		publisher.publish(eventId, request);

		// all three are on one partition (same key): the redelivery comes last
		await().atMost(TIMEOUT).until(() -> duplicatesSkipped() > duplicatesBefore);
		awaitStatusEvents(request.notificationId(), "QUEUED", "SENT");
		assertThat(messageCount(phone)).isEqualTo(1);
		assertThat(this.store.findById(request.notificationId(), Notification.class).orElseThrow().getAttempts())
			.isEqualTo(1);
	}

	@Test
	void anOptedOutPhoneIsSuppressedAndReceivesNothingOnThatChannel() throws Exception {
		String phone = randomPhone();
		String localForm = "0" + phone.substring(3);
		optOutReply(localForm, " berhenti ", "opted-out");
		optOutReply(localForm, "STOP", "unchanged");
		ConsumerRecord<String, byte[]> optedOut = awaitEvent(this.pseudonyms.of(phone), ChannelOptedOutEvent.TYPE);
		assertThat(optedOut.key()).isEqualTo(this.pseudonyms.of(phone));
		assertThat(TopicReader.value(optedOut)).contains("\"reason\":\"BERHENTI\"").contains("\"channel\":\"SMS\"");

		NotificationRequestedEvent sms = request(phone, "SMS", "NORMAL", "62.71");
		NotificationRequestedEvent whatsapp = request(phone, "WHATSAPP", "NORMAL", "62.71");
		publisher.publish(UUID.randomUUID().toString(), sms);
		publisher.publish(UUID.randomUUID().toString(), whatsapp);

		awaitStatusEvents(sms.notificationId(), "SUPPRESSED");
		awaitStatusEvents(whatsapp.notificationId(), "QUEUED", "SENT");
		JsonNode messages = sandboxMessages(this.mvc, this.json, phone, OPERATOR);
		assertThat(messages.path("total").asInt()).isEqualTo(1);
		assertThat(messages.path("items").get(0).path("channel").asString()).isEqualTo("WHATSAPP");

		optOutReply(phone, "Mulai", "opted-in");
		awaitEvent(this.pseudonyms.of(phone), ChannelOptedInEvent.TYPE);
		NotificationRequestedEvent again = request(phone, "SMS", "NORMAL", "62.71");
		publisher.publish(UUID.randomUUID().toString(), again);
		awaitStatusEvents(again.notificationId(), "QUEUED", "SENT");
		// the WhatsApp message, the confirmation of the opt-in (the opt-out came before
		// the
		// phone received anything, so no kabupaten was known to confirm it) and the SMS
		await().atMost(TIMEOUT).until(() -> messageCount(phone) == 3);
		assertThat(sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("items"))
			.extracting((m) -> m.path("text").asString())
			.containsOnlyOnce(ReplyConfirmations.optedInText(Channel.SMS));
		assertThat(events.forSubject(this.pseudonyms.of(phone))).extracting((r) -> TopicReader.header(r, "ce_type"))
			.containsExactly(ChannelOptedOutEvent.TYPE, ChannelOptedInEvent.TYPE);
	}

	@Test
	void aMemberNotOnWhatsAppWhoConsentedToSmsGetsTheMessageOnceBySms() throws Exception {
		NotificationRequestedEvent plain = request(NotificationFixtures.NOT_ON_WHATSAPP, "WHATSAPP", "NORMAL", "62.71");
		NotificationRequestedEvent whatsapp = new NotificationRequestedEvent(plain.notificationId(), plain.sourceType(),
				plain.sourceId(), plain.kabupaten(), plain.memberId(), plain.phone(), plain.channel(), plain.text(),
				plain.priority(), plain.requestedAt(), null, List.of("SMS"));
		publisher.publish(UUID.randomUUID().toString(), whatsapp);
		publisher.publish(UUID.randomUUID().toString(), whatsapp);

		String fallbackId = Notification.fallbackIdOf(whatsapp.notificationId(), Channel.SMS);
		awaitStatusEvents(whatsapp.notificationId(), "QUEUED", "FAILED");
		awaitStatusEvents(fallbackId, "QUEUED", "SENT");
		Notification first = this.store.findById(whatsapp.notificationId(), Notification.class).orElseThrow();
		assertThat(first.getReason()).isEqualTo("whatsapp-undeliverable");
		assertThat(first.getFallbackNotificationId()).isEqualTo(fallbackId);
		JsonNode messages = sandboxMessages(this.mvc, this.json, NotificationFixtures.NOT_ON_WHATSAPP, OPERATOR);
		assertThat(messages.path("items")).filteredOn((m) -> m.path("notificationId").asString().equals(fallbackId))
			.singleElement()
			.satisfies((m) -> assertThat(m.path("channel").asString()).isEqualTo("SMS"));
		assertThat(messages.path("items"))
			.filteredOn((m) -> m.path("notificationId").asString().equals(whatsapp.notificationId()))
			.isEmpty();
	}

	@Test
	void urgentNotificationsAreClaimedBeforeOlderNormalOnes() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent normal = request(phone, "SMS", "NORMAL", "62.71", UUID.randomUUID().toString(),
				Instant.now().minus(Duration.ofHours(1)));
		NotificationRequestedEvent urgent = request(phone, "SMS", "URGENT", "62.71");
		this.worker.stop();
		try {
			publisher.publish(UUID.randomUUID().toString(), normal);
			publisher.publish(UUID.randomUUID().toString(), urgent);
			awaitStored(normal.notificationId());
			awaitStored(urgent.notificationId());

			List<Notification> claimed = this.queue.claim(Channel.SMS, 1, Instant.now());

			assertThat(claimed).extracting(Notification::getId).containsExactly(urgent.notificationId());
			assertThat(this.queue.release(claimed.get(0), Instant.now())).isTrue();
		}
		finally {
			this.worker.start();
		}
		await().atMost(TIMEOUT).until(() -> messageCount(phone) == 2);
	}

	@Test
	void aSendInterruptedAfterItsClaimIsSentExactlyOnceAfterARestart() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent request = request(phone, "SMS", "NORMAL", "62.71");
		this.worker.stop();
		try {
			publisher.publish(UUID.randomUUID().toString(), request);
			awaitStored(request.notificationId());
			// the worker claims, then the process dies before it sends
			assertThat(this.queue.claim(Channel.SMS, 10, Instant.now())).extracting(Notification::getId)
				.contains(request.notificationId());
			assertThat(messageCount(phone)).isZero();
		}
		finally {
			this.worker.start();
		}
		awaitStatusEvents(request.notificationId(), "QUEUED", "SENT");
		assertThat(messageCount(phone)).isEqualTo(1);
		assertThat(this.store.findById(request.notificationId(), Notification.class).orElseThrow().getAttempts())
			.isEqualTo(2);
	}

	@Test
	void aSendInterruptedAfterTheProviderTookItIsNotSentTwice() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent request = request(phone, "WHATSAPP", "NORMAL", "62.71");
		this.worker.stop();
		try {
			publisher.publish(UUID.randomUUID().toString(), request);
			awaitStored(request.notificationId());
			assertThat(this.queue.claim(Channel.WHATSAPP, 10, Instant.now())).extracting(Notification::getId)
				.contains(request.notificationId());
			// the provider takes the message, then the process dies before recording it
			this.providers.of(Channel.WHATSAPP)
				.orElseThrow()
				.send(new OutboundMessage(request.notificationId(), phone, Channel.WHATSAPP, request.text(), null,
						request.sourceType(), request.sourceId(), request.kabupaten()));
			assertThat(messageCount(phone)).isEqualTo(1);
		}
		finally {
			this.worker.start();
		}
		awaitStatusEvents(request.notificationId(), "QUEUED", "SENT");
		assertThat(messageCount(phone)).isEqualTo(1);
	}

	@Test
	void aNumberTheProviderKeepsFailingWhileItSendsToOthersFailsAfterItsLastAttempt() throws Exception {
		// the provider works: its breaker stays closed, so the failures count
		List<NotificationRequestedEvent> others = List.of(request(randomPhone(), "SMS", "NORMAL", "62.71"),
				request(randomPhone(), "SMS", "NORMAL", "62.71"), request(randomPhone(), "SMS", "NORMAL", "62.71"),
				request(randomPhone(), "SMS", "NORMAL", "62.71"), request(randomPhone(), "SMS", "NORMAL", "62.71"),
				request(randomPhone(), "SMS", "NORMAL", "62.71"), request(randomPhone(), "SMS", "NORMAL", "62.71"),
				request(randomPhone(), "SMS", "NORMAL", "62.71"));
		others.forEach((other) -> publisher.publish(UUID.randomUUID().toString(), other));
		others.forEach((other) -> awaitStatusEvents(other.notificationId(), "QUEUED", "SENT"));
		NotificationRequestedEvent request = request(NotificationFixtures.FAILING_PHONE, "SMS", "NORMAL", "62.71");

		publisher.publish(UUID.randomUUID().toString(), request);

		awaitStatusEvents(request.notificationId(), "QUEUED", "FAILED");
		Notification failed = this.store.findById(request.notificationId(), Notification.class).orElseThrow();
		assertThat(failed.getStatus()).isEqualTo(NotificationStatus.FAILED);
		assertThat(failed.getReason()).isEqualTo(Notification.MAX_ATTEMPTS);
		assertThat(failed.getAttempts()).isEqualTo(3);
		assertThat(failed.getLastError()).contains("outage");
		assertThat(messageCount(NotificationFixtures.FAILING_PHONE)).isZero();
	}

	private void optOutReply(String from, String text, String outcome) throws Exception {
		this.mvc.perform(sandboxWebhook("{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value(outcome));
	}

	private int messageCount(String phone) throws Exception {
		return sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("total").asInt();
	}

	private double duplicatesSkipped() {
		// intake dedupes by notification id (no processed_events): requests known before
		return this.meters.find("kim.notification.requests")
			.tag("outcome", "known")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private void awaitStored(String notificationId) {
		await().atMost(TIMEOUT).until(() -> this.store.findById(notificationId, Notification.class).isPresent());
	}

	/**
	 * Waits until exactly these status events were published for the notification, each
	 * valid against the published schema.
	 */
	private void awaitStatusEvents(String notificationId, String... statuses) {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<ConsumerRecord<String, byte[]>> records = events.forSubject(notificationId);
			assertThat(records).extracting((r) -> this.json.readTree(TopicReader.value(r)).path("status").asString())
				.containsExactly(statuses);
		});
		for (ConsumerRecord<String, byte[]> record : events.forSubject(notificationId)) {
			assertThat(TopicReader.header(record, "ce_type")).isEqualTo(NotificationStatusChangedEvent.TYPE);
			assertThat(record.key()).isEqualTo(notificationId);
			EventSchemas.assertValid(NotificationStatusChangedEvent.TYPE, TopicReader.value(record));
		}
	}

	private ConsumerRecord<String, byte[]> awaitEvent(String subject, String type) {
		ConsumerRecord<String, byte[]> event = await().atMost(TIMEOUT)
			.until(() -> events.forSubject(subject)
				.stream()
				.filter((r) -> type.equals(TopicReader.header(r, "ce_type")))
				.reduce((a, b) -> b)
				.orElse(null), (record) -> record != null);
		EventSchemas.assertValid(type, TopicReader.value(event));
		return event;
	}

}
