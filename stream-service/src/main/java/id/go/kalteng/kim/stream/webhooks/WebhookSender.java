package id.go.kalteng.kim.stream.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends due deliveries as Standard Webhooks: {@code webhook-id} (the event id, the same
 * on every attempt), {@code webhook-timestamp} (this attempt) and
 * {@code webhook-signature}. A 2xx delivers; 410 Gone disables the subscription; anything
 * else (3xx included: redirects are not followed) is tried again on the retry schedule,
 * with jitter and no sooner than a {@code Retry-After}, until the schedule ends. Delivery
 * is at least once: a crash between an attempt and its record repeats the attempt with
 * the same {@code webhook-id}, which receivers use to ignore repeats.
 */
public class WebhookSender {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private final WebhookProperties properties;

	private final WebhookSubscriptions subscriptions;

	private final WebhookDeliveries deliveries;

	private final Clock clock;

	private final MeterRegistry meters;

	private final HttpClient http;

	private final ExecutorService senders;

	public WebhookSender(WebhookProperties properties, WebhookSubscriptions subscriptions, WebhookDeliveries deliveries,
			Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
		this.clock = clock;
		this.meters = meters;
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		this.senders = Executors.newFixedThreadPool(properties.senders(), (task) -> {
			Thread thread = new Thread(task, "webhook-sender");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Attempts every due delivery once. */
	@Scheduled(fixedDelayString = "${kim.stream.webhooks.sweep-interval:1s}")
	public void sweep() {
		if (!this.properties.enabled()) {
			return;
		}
		try {
			WebhookDeliveries.Due due = this.deliveries.due();
			List<Future<WebhookDeliveries.Attempt>> running = new ArrayList<>();
			for (Document delivery : due.deliveries()) {
				running.add(this.senders.submit(() -> attempt(delivery)));
			}
			List<WebhookDeliveries.Attempt> attempts = new ArrayList<>();
			for (Future<WebhookDeliveries.Attempt> attempt : running) {
				attempts.add(attempt.get());
			}
			// the retries' slots first: a crash before the record then repeats an attempt
			// rather than losing a delivery
			Map<String, Instant> retries = new LinkedHashMap<>();
			attempts.stream()
				.filter((attempt) -> attempt.nextAt() != null)
				.forEach((attempt) -> retries.put(attempt.deliveryId(), attempt.nextAt()));
			this.deliveries.schedule(retries);
			this.deliveries.record(attempts);
			for (WebhookDeliveries.Attempt attempt : attempts) {
				if ("GONE".equals(attempt.status())) {
					this.subscriptions.find(attempt.subscriptionId())
						.filter((subscription) -> subscription.status() == WebhookSubscription.Status.ACTIVE)
						.ifPresent((subscription) -> this.subscriptions.save(subscription
							.withStatus(WebhookSubscription.Status.DISABLED, "the receiver answered 410 Gone")));
				}
				this.meters.counter("kim.stream.webhooks.attempts", "outcome", attempt.status()).increment();
			}
			List<String> handled = new ArrayList<>(due.notDue());
			attempts.forEach((attempt) -> handled.add(attempt.deliveryId()));
			this.deliveries.unschedule(due.listedIn(), handled);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// nothing was taken out of the schedule: the next sweep tries again
			log.warn("webhook sweep failed: {}", ex.toString());
		}
	}

	private WebhookDeliveries.Attempt attempt(Document delivery) {
		String id = delivery.getString("_id");
		String subscriptionId = delivery.getString("subscriptionId");
		String eventId = delivery.getString("eventId");
		int number = delivery.getInteger("attempts", 0) + 1;
		Instant now = this.clock.instant();
		Optional<WebhookSubscription> subscription = this.subscriptions.find(subscriptionId);
		if (subscription.isEmpty() || subscription.get().status() != WebhookSubscription.Status.ACTIVE) {
			return new WebhookDeliveries.Attempt(id, subscriptionId, eventId, number - 1, now, "CANCELLED", null,
					"the subscription is " + subscription.map((s) -> s.status().name()).orElse("DELETED"), null);
		}
		byte[] body = delivery.getString("body").getBytes(StandardCharsets.UTF_8);
		long timestamp = now.getEpochSecond();
		Integer status = null;
		String error = null;
		Duration retryAfter = Duration.ZERO;
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.get().url()))
				.timeout(this.properties.requestTimeout())
				.header("Content-Type", "application/json")
				.header("webhook-id", eventId)
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature",
						WebhookSignatures.sign(subscription.get().secret(), eventId, timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			status = response.statusCode();
			retryAfter = response.headers()
				.firstValue("Retry-After")
				.flatMap(WebhookSender::seconds)
				.orElse(Duration.ZERO);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		catch (Exception ex) {
			error = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
		if (status != null && status >= 200 && status < 300) {
			return new WebhookDeliveries.Attempt(id, subscriptionId, eventId, number, now, "DELIVERED", status, null,
					null);
		}
		if (status != null && status == 410) {
			return new WebhookDeliveries.Attempt(id, subscriptionId, eventId, number, now, "GONE", status, null, null);
		}
		List<Duration> schedule = this.properties.retrySchedule();
		if (number > schedule.size()) {
			return new WebhookDeliveries.Attempt(id, subscriptionId, eventId, number, now, "FAILED", status, error,
					null);
		}
		Duration delay = jittered(schedule.get(number - 1));
		if (delay.compareTo(retryAfter) < 0) {
			delay = retryAfter;
		}
		return new WebhookDeliveries.Attempt(id, subscriptionId, eventId, number, now, "PENDING", status, error,
				now.plus(delay));
	}

	private Duration jittered(Duration delay) {
		double jitter = this.properties.jitter();
		if (jitter <= 0) {
			return delay;
		}
		double factor = 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
		return Duration.ofMillis(Math.max(0, Math.round(delay.toMillis() * factor)));
	}

	private static Optional<Duration> seconds(String value) {
		try {
			return Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(value.trim()), 86_400)));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
