package id.go.kalteng.kim.console.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import id.go.kalteng.kim.console.api.ActivityViews.Activity;
import id.go.kalteng.kim.console.api.ActivityViews.Coverage;
import id.go.kalteng.kim.console.api.ActivityViews.Subscription;
import id.go.kalteng.kim.console.api.Views.Page;
import id.go.kalteng.kim.console.api.Views.Versioned;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * activity-service's activities and coverage and stream-service's webhook subscriptions,
 * through the gateway as the signed-in user (the same token relay and problem handling as
 * {@link GatewayApi}).
 */
@Component
public class ActivityApi {

	private final GatewayApi gateway;

	ActivityApi(GatewayApi gateway) {
		this.gateway = gateway;
	}

	// ---- activities
	// ------------------------------------------------------------------------

	/**
	 * Activities starting between two WIB dates (inclusive), as the API scopes them to
	 * the caller; {@code kabupaten} and {@code type} narrow further.
	 */
	public Page<Activity> activities(String kabupaten, String type, LocalDate from, LocalDate to, int page, int size) {
		return call((http) -> http.get()
			.uri((uri) -> optional(optional(uri.path("/api/activities"), "kabupaten", kabupaten), "type", type)
				.queryParam("from", from)
				.queryParam("to", to)
				.queryParam("page", page)
				.queryParam("size", size)
				.build())
			.retrieve()
			.body(new ParameterizedTypeReference<Page<Activity>>() {
			}));
	}

	public Versioned<Activity> activity(String id) {
		return versioned(
				call((http) -> http.get().uri("/api/activities/{id}", id).retrieve().toEntity(Activity.class)));
	}

	/** Plans an activity; the same idempotency key answers the same activity. */
	public Versioned<Activity> plan(Map<String, Object> body, String idempotencyKey) {
		return versioned(call((http) -> http.post()
			.uri("/api/activities")
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(Activity.class)));
	}

	/**
	 * Changes an activity on the version the user saw (a new time or place reschedules
	 * it).
	 */
	public Versioned<Activity> revise(String id, String etag, Map<String, Object> body) {
		return versioned(call((http) -> ifMatch(http.patch().uri("/api/activities/{id}", id), etag)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(Activity.class)));
	}

	/**
	 * A command on an activity ({@code cancel}, {@code attendance},
	 * {@code attendance/members}, {@code complete}) on the version the user saw.
	 */
	public Versioned<Activity> command(String id, String command, String etag, Object body) {
		return versioned(call((http) -> ifMatch(http.post().uri("/api/activities/" + "{id}/" + command, id), etag)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(Activity.class)));
	}

	public Coverage coverage(String kabupaten, LocalDate from, LocalDate to, String type) {
		return call((http) -> http.get()
			.uri((uri) -> optional(uri.path("/api/activities/coverage"), "type", type)
				.queryParam("kabupaten", kabupaten)
				.queryParam("from", from)
				.queryParam("to", to)
				.build())
			.retrieve()
			.body(Coverage.class));
	}

	// ---- webhook subscriptions
	// -------------------------------------------------------------

	public List<Subscription> subscriptions() {
		Page<Subscription> page = call((http) -> http.get()
			.uri("/api/webhook-subscriptions")
			.retrieve()
			.body(new ParameterizedTypeReference<Page<Subscription>>() {
			}));
		return (page.items() != null) ? page.items() : List.of();
	}

	/** Creates a subscription; its answer is the only one that carries the secret. */
	public Subscription subscribe(Map<String, Object> body) {
		return call((http) -> http.post()
			.uri("/api/webhook-subscriptions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(Subscription.class));
	}

	public void unsubscribe(String id) {
		call((http) -> http.delete().uri("/api/webhook-subscriptions/{id}", id).retrieve().toBodilessEntity());
	}

	// ---- plumbing
	// ----------------------------------------------------------------------------

	private <T> T call(Function<RestClient, T> call) {
		return this.gateway.call(call);
	}

	private static RestClient.RequestBodySpec ifMatch(RestClient.RequestBodySpec request, String etag) {
		return (etag != null && !etag.isBlank()) ? request.header(HttpHeaders.IF_MATCH, etag) : request;
	}

	private static <T> Versioned<T> versioned(ResponseEntity<T> entity) {
		return GatewayApi.versioned(entity);
	}

	private static UriBuilder optional(UriBuilder uri, String name, String value) {
		return GatewayApi.optional(uri, name, value);
	}

}
