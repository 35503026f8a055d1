package id.go.kalteng.kim.stream.webhooks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.stream.publiclog.Redaction;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import id.go.kalteng.kim.support.web.ApiException;
import id.go.kalteng.kim.support.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import org.bson.Document;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/webhook-subscriptions}: an agency registers an HTTPS endpoint for event
 * types of its kabupaten and gets the signing secret once; it lists, reads, deletes and
 * replays only its own. An OPERATOR may do so for any kabupaten; a COORDINATOR has none.
 */
@RestController
@RequestMapping("/api/webhook-subscriptions")
@PreAuthorize("hasAnyRole('AGENCY', 'OPERATOR')")
class WebhookSubscriptionController {

	private final WebhookSubscriptions subscriptions;

	private final WebhookDeliveries deliveries;

	private final WebhookReplays replays;

	private final WebhookProperties properties;

	private final Redaction redaction;

	private final Clock clock;

	WebhookSubscriptionController(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries,
			WebhookReplays replays, WebhookProperties properties, Redaction redaction, Clock clock) {
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
		this.replays = replays;
		this.properties = properties;
		this.redaction = redaction;
		this.clock = clock;
	}

	@Operation(summary = "Register an endpoint; the answer shows the signing secret, once")
	@PostMapping
	ResponseEntity<SubscriptionView> create(KimPrincipal caller, @RequestBody(required = false) NewSubscription body) {
		if (body == null) {
			throw ApiException.invalid("body", "must be a JSON object with url and types");
		}
		List<FieldViolation> errors = new ArrayList<>();
		String url = checkedUrl(body.url(), errors);
		List<String> types = new ArrayList<>(new LinkedHashSet<>((body.types() != null) ? body.types() : List.of()));
		for (String type : types) {
			if (type == null || !this.redaction.knows(type)) {
				errors.add(FieldViolation.of("types", "unknown event type " + type));
			}
		}
		String kabupaten = kabupatenFor(caller, body.kabupaten(), errors);
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID().toString(), kabupaten, url,
				List.copyOf(types), WebhookSignatures.newSecret(), WebhookSubscription.Status.ACTIVE, caller.id(),
				this.clock.instant(), null);
		this.subscriptions.save(subscription);
		return ResponseEntity.created(URI.create("/api/webhook-subscriptions/" + subscription.id()))
			.body(SubscriptionView.of(subscription, true));
	}

	@Operation(summary = "List the caller's subscriptions (an operator: all)")
	@GetMapping
	PageView<SubscriptionView> list(KimPrincipal caller) {
		List<SubscriptionView> items = this.subscriptions.of(caller.isOperator() ? null : ownKabupaten(caller))
			.stream()
			.map((subscription) -> SubscriptionView.of(subscription, false))
			.toList();
		return new PageView<>(items, 0, items.size(), items.size());
	}

	@Operation(summary = "Read a subscription (never its secret)")
	@GetMapping("/{id}")
	SubscriptionView get(KimPrincipal caller, @PathVariable String id) {
		return SubscriptionView.of(visible(caller, id), false);
	}

	@Operation(summary = "Delete a subscription: nothing more is sent")
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(KimPrincipal caller, @PathVariable String id) {
		WebhookSubscription subscription = visible(caller, id);
		this.subscriptions
			.save(subscription.withStatus(WebhookSubscription.Status.DELETED, "deleted by " + caller.id()));
	}

	/** The delivery log: every attempt of the last days, newest first. */
	@Operation(summary = "The delivery log: every attempt of the last days, newest first")
	@GetMapping("/{id}/deliveries")
	PageView<Document> deliveries(KimPrincipal caller, @PathVariable String id,
			@RequestParam(defaultValue = "7") int days) {
		visible(caller, id);
		if (days < 1 || days > 31) {
			throw ApiException.invalid("days", "must be between 1 and 31");
		}
		List<Document> log = this.deliveries.log(id, days);
		log.forEach((entry) -> entry
			.replaceAll((key, value) -> (value instanceof Date date) ? date.toInstant().toString() : value));
		return new PageView<>(log, 0, log.size(), log.size());
	}

	@Operation(summary = "Deliver again the events since a time, with their webhook-ids")
	@PostMapping("/{id}/replay")
	ResponseEntity<WebhookReplays.Replay> replay(KimPrincipal caller, @PathVariable String id,
			@RequestParam(required = false) String from) {
		WebhookSubscription subscription = visible(caller, id);
		if (from == null || from.isBlank()) {
			throw ApiException.invalid("from", "is required: an ISO-8601 time, e.g. 2026-12-01T08:00:00+07:00");
		}
		Instant since;
		try {
			since = OffsetDateTime.parse(from.trim()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalid("from", "must be an ISO-8601 time with offset, e.g. 2026-12-01T08:00:00+07:00");
		}
		if (subscription.status() != WebhookSubscription.Status.ACTIVE) {
			throw ApiException.ruleViolated("subscription-not-active",
					"The subscription is " + subscription.status() + "; create a new one");
		}
		return ResponseEntity.accepted().body(this.replays.replay(subscription, since));
	}

	private WebhookSubscription visible(KimPrincipal caller, String id) {
		return this.subscriptions.find(id)
			.filter((subscription) -> caller.isOperator() || subscription.kabupaten().equals(ownKabupaten(caller)))
			.orElseThrow(() -> ApiException.notFound("Webhook subscription", id));
	}

	private static String ownKabupaten(KimPrincipal caller) {
		if (caller.has(Role.AGENCY) && caller.kabupaten() != null && Kabupaten.isKnown(caller.kabupaten())) {
			return caller.kabupaten();
		}
		throw ApiException.forbidden("Webhook subscriptions are for agencies and operators");
	}

	private static String kabupatenFor(KimPrincipal caller, String asked, List<FieldViolation> errors) {
		if (caller.isOperator()) {
			if (asked == null || !Kabupaten.isKnown(asked)) {
				errors.add(FieldViolation.of("kabupaten", "an operator names the kabupaten/kota, e.g. 62.71"));
			}
			return asked;
		}
		String own = ownKabupaten(caller);
		if (asked != null && !asked.equals(own)) {
			throw ApiException.forbidden("kabupaten-scope", "An agency subscribes only to its own kabupaten");
		}
		return own;
	}

	private String checkedUrl(String url, List<FieldViolation> errors) {
		if (url == null || url.isBlank() || url.length() > 2_000) {
			errors.add(FieldViolation.of("url", "is required"));
			return url;
		}
		URI uri;
		try {
			uri = URI.create(url.trim());
		}
		catch (IllegalArgumentException ex) {
			errors.add(FieldViolation.of("url", "is not a URL"));
			return url;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		if (host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			errors.add(FieldViolation.of("url", "must be an absolute http(s) URL with a host, no credentials"));
		}
		else if (!scheme.equals("https")
				&& !(scheme.equals("http") && this.properties.plainHttpHosts().contains(host))) {
			errors.add(FieldViolation.of("url", "must use HTTPS (plain HTTP only for localhost)"));
		}
		return uri.toString();
	}

	/** A new subscription: where, which types (none: all), and for an operator whose. */
	record NewSubscription(String url, List<String> types, String kabupaten) {

	}

	/**
	 * A subscription as its agency sees it; the secret only in the answer to creation.
	 */
	record SubscriptionView(String id, String kabupaten, String url, List<String> types, String status,
			Instant createdAt, String disabledReason, String secret) {

		static SubscriptionView of(WebhookSubscription subscription, boolean withSecret) {
			return new SubscriptionView(subscription.id(), subscription.kabupaten(), subscription.url(),
					subscription.types(), subscription.status().name(), subscription.createdAt(),
					subscription.disabledReason(), withSecret ? subscription.secret() : null);
		}

	}

}
