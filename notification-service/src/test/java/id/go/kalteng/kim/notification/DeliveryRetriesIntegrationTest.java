package id.go.kalteng.kim.notification;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.ProviderBreakers;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TopicReader;
import io.micrometer.core.instrument.Gauge;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

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
 * Retries that neither double nor drop a message: the provider times out after taking a
 * message, the worker dies in the middle of its sends, the provider is down for longer
 * than a message's retries last. Provider faults come from
 * {@link ScriptedChannelProvider} around the sandbox; everything else is the real
 * service.
 */
class DeliveryRetriesIntegrationTest extends NotificationIntegrationTest {

	/** The name of the SMS provider's circuit breaker in the metrics. */
	private static final String SMS_BREAKER = "sms-sandbox";

	@Autowired
	NotificationProperties properties;

	@Autowired
	ProviderBreakers breakers;

	ScriptedChannelProvider sms;

	@BeforeEach
	void healthyProvider() {
		this.sms = (ScriptedChannelProvider) this.providers.of(Channel.SMS).orElseThrow();
		this.sms.reset();
		this.breakers.of(this.sms).reset();
	}

	@AfterEach
	void providerBackToNormal() {
		this.sms.reset();
		this.breakers.of(this.sms).reset();
	}

	@Test
	void aTimeoutAfterTheSandboxTookTheMessageIsResentAndTheSandboxKeepsOneMessage() throws Exception {
		String phone = randomPhone();
		this.sms.timeOutAfterAccepting(phone);
		NotificationRequestedEvent request = request(phone, "SMS", "NORMAL", "62.71");

		publisher.publish(UUID.randomUUID().toString(), request);

		awaitStatus(request.notificationId(), NotificationStatus.SENT);
		assertThat(this.sms.calls(request.notificationId())).isEqualTo(2);
		assertThat(messageCount(phone)).isEqualTo(1);
		assertThat(find(request.notificationId()).getProviderMessageId()).isEqualTo("sbx-" + request.notificationId());
		awaitStatusEvents(request.notificationId(), "QUEUED", "SENT");
	}

	@Test
	void aTimeoutAfterTheProviderTookTheMessageIsNotResentToAProviderWithoutIdempotency() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent request = timedOutWithoutIdempotency(phone);

		await().during(Duration.ofSeconds(1))
			.atMost(TIMEOUT)
			.until(() -> this.sms.calls(request.notificationId()) == 1
					&& "UNKNOWN".equals(statusOf(request.notificationId())));
		Notification unknown = find(request.notificationId());
		assertThat(unknown.getReason()).isEqualTo("unknown-outcome");
		assertThat(unknown.getLastError()).contains("Read timed out");
		assertThat(messageCount(phone)).isEqualTo(1);
		JsonNode listed = notifications(this.mvc, this.json, OPERATOR, "phone", phone).path("items").get(0);
		assertThat(listed.path("status").asString()).isEqualTo("UNKNOWN");
		assertThat(listed.path("reason").asString()).isEqualTo("unknown-outcome");
		// neither sent nor failed as far as anyone can tell: still queued to the outside
		awaitStatusEvents(request.notificationId(), "QUEUED");
	}

	@Test
	void aLateDeliveryReportSettlesAnUnknownOutcome() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent request = timedOutWithoutIdempotency(phone);
		String messageId = sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("items")
			.get(0)
			.path("id")
			.asString();

		this.mvc.perform(sandboxWebhook("{\"messageId\":\"" + messageId + "\",\"status\":\"DELIVERED\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("applied"));

		assertThat(find(request.notificationId()).getStatus()).isEqualTo(NotificationStatus.DELIVERED);
		awaitStatusEvents(request.notificationId(), "QUEUED", "DELIVERED");
		assertThat(this.sms.calls(request.notificationId())).isEqualTo(1);
	}

	@Test
	void aWorkerKilledInTheMiddleOfItsSendsHasItsClaimsSentAgainAndWhatItNeverTriedLeftQueued() throws Exception {
		int senders = this.properties.delivery().sendersPerChannel();
		String phone = randomPhone();
		this.sms.withoutIdempotency();
		this.sms.hang();
		List<NotificationRequestedEvent> requests = normalRequests(phone, senders + 6);

		// the worker's sends hang like those of a process that is killed: their claims
		// expire and are queued again (issue #13: a claim whose worker died before its
		// send was lost when it became UNKNOWN), and nothing else may have been claimed
		requests.forEach((request) -> publisher.publish(UUID.randomUUID().toString(), request));
		await().atMost(TIMEOUT)
			.until(() -> count(requests, "QUEUED") == senders + 6 && requests.stream()
				.filter((request) -> find(request.notificationId()).getAttempts() == 1)
				.count() == senders);
		assertThat(requests).map((request) -> find(request.notificationId()))
			.filteredOn((n) -> n.getAttempts() == 0)
			.hasSize(6)
			.allSatisfy((untried) -> assertThat(this.sms.calls(untried.getId())).isZero());

		// the hanging sends return after all: the provider had taken them. A claim sent
		// again meanwhile reaches a provider without idempotency keys twice: at most the
		// sends that were in flight, never one that was not
		this.sms.release();
		for (NotificationRequestedEvent request : requests) {
			awaitStatus(request.notificationId(), NotificationStatus.SENT);
		}
		int inFlight = 0;
		for (NotificationRequestedEvent request : requests) {
			int calls = this.sms.calls(request.notificationId());
			assertThat(calls).isBetween(1, 2);
			inFlight += calls - 1;
		}
		assertThat(inFlight).isLessThanOrEqualTo(senders);
	}

	@Test
	void aProviderOutageLongerThanTheRetriesPausesTheChannelAndLosesNothing() throws Exception {
		String phone = randomPhone();
		List<NotificationRequestedEvent> requests = normalRequests(phone, 6);
		queueDuringAnOutage(requests);

		// far longer than three attempts 100 ms and 200 ms apart, and than the breaker's
		// one second open: its probes fail too
		await().during(Duration.ofSeconds(3)).atMost(TIMEOUT).untilAsserted(() -> {
			for (NotificationRequestedEvent request : requests) {
				Notification waiting = find(request.notificationId());
				assertThat(waiting.getStatus().published()).isEqualTo(NotificationStatus.QUEUED);
				assertThat(waiting.getAttempts()).isLessThan(this.properties.delivery().maxAttempts());
			}
		});
		// open, or half-open while its probes (failing too) are out: either way not
		// closed
		assertThat(breakerState("closed")).as("the channel is paused").isZero();
		assertThat(breakerState("open") + breakerState("half_open")).isEqualTo(1.0);

		this.sms.recover();

		for (NotificationRequestedEvent request : requests) {
			awaitStatus(request.notificationId(), NotificationStatus.SENT);
			awaitStatusEvents(request.notificationId(), "QUEUED", "SENT");
		}
		assertThat(messageCount(phone)).isEqualTo(requests.size());
		await().atMost(TIMEOUT).until(() -> breakerState("closed") == 1.0);
	}

	@Test
	void urgentNotificationsGoFirstWhenTheProviderRecovers() throws Exception {
		String phone = randomPhone();
		List<NotificationRequestedEvent> normal = normalRequests(phone, 5);
		queueDuringAnOutage(normal);
		NotificationRequestedEvent urgent = request(phone, "SMS", "URGENT", "62.71");
		publisher.publish(UUID.randomUUID().toString(), urgent);
		awaitStatus(urgent.notificationId(), NotificationStatus.QUEUED);
		await().atMost(TIMEOUT).until(() -> breakerState("open") == 1.0);

		this.sms.recover();

		awaitStatus(urgent.notificationId(), NotificationStatus.SENT);
		normal.forEach((request) -> awaitStatus(request.notificationId(), NotificationStatus.SENT));
		List<String> ours = IntStream.range(0, normal.size() + 1)
			.mapToObj((i) -> (i < normal.size()) ? normal.get(i).notificationId() : urgent.notificationId())
			.toList();
		assertThat(this.sms.accepted()).filteredOn(ours::contains).first().isEqualTo(urgent.notificationId());
	}

	/**
	 * Queues the requests with the worker stopped, then starts it on a provider that is
	 * down, and waits until the breaker opened.
	 */
	private void queueDuringAnOutage(List<NotificationRequestedEvent> requests) {
		this.sms.outage();
		this.worker.stop();
		try {
			requests.forEach((request) -> publisher.publish(UUID.randomUUID().toString(), request));
			requests.forEach((request) -> awaitStatus(request.notificationId(), NotificationStatus.QUEUED));
		}
		finally {
			this.worker.start();
		}
		await().atMost(TIMEOUT).until(() -> breakerState("open") == 1.0);
	}

	private NotificationRequestedEvent timedOutWithoutIdempotency(String phone) {
		this.sms.withoutIdempotency();
		this.sms.timeOutAfterAccepting(phone);
		NotificationRequestedEvent request = request(phone, "SMS", "NORMAL", "62.71");
		publisher.publish(UUID.randomUUID().toString(), request);
		await().atMost(TIMEOUT).until(() -> "UNKNOWN".equals(statusOf(request.notificationId())));
		return request;
	}

	private static List<NotificationRequestedEvent> normalRequests(String phone, int count) {
		return IntStream.range(0, count).mapToObj((i) -> request(phone, "SMS", "NORMAL", "62.71")).toList();
	}

	private double breakerState(String state) {
		Gauge gauge = this.meters.find("resilience4j.circuitbreaker.state")
			.tag("name", SMS_BREAKER)
			.tag("state", state)
			.gauge();
		return (gauge != null) ? gauge.value() : Double.NaN;
	}

	private long count(List<NotificationRequestedEvent> requests, String status) {
		return requests.stream()
			.map((request) -> this.store.findById(request.notificationId(), Notification.class))
			.filter((n) -> n.isPresent() && n.get().getStatus().name().equals(status))
			.count();
	}

	/** The status of a notification, by name (null while it is not stored yet). */
	private String statusOf(String notificationId) {
		return this.store.findById(notificationId, Notification.class).map((n) -> n.getStatus().name()).orElse(null);
	}

	private Notification find(String notificationId) {
		return this.store.findById(notificationId, Notification.class).orElseThrow();
	}

	private void awaitStatus(String notificationId, NotificationStatus status) {
		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(notificationId, Notification.class)
				.map(Notification::getStatus)
				.orElse(null) == status);
	}

	private int messageCount(String phone) throws Exception {
		return sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("total").asInt();
	}

	private void awaitStatusEvents(String notificationId, String... statuses) {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<ConsumerRecord<String, byte[]>> records = events.forSubject(notificationId);
			assertThat(records).extracting((r) -> this.json.readTree(TopicReader.value(r)).path("status").asString())
				.containsExactly(statuses);
		});
	}

}
