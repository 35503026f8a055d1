package id.go.kalteng.kim.console.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import id.go.kalteng.kim.console.ConsoleProperties;
import id.go.kalteng.kim.console.api.Views.Broadcast;
import id.go.kalteng.kim.console.api.Views.Group;
import id.go.kalteng.kim.console.api.Views.Kabupaten;
import id.go.kalteng.kim.console.api.Views.Member;
import id.go.kalteng.kim.console.api.Views.Page;
import id.go.kalteng.kim.console.api.Views.Versioned;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriBuilder;

/**
 * The public API through the gateway, as the signed-in user: every call carries the
 * user's access token ({@link AccessTokens}) and every failure becomes an
 * {@link ApiProblem} the page can show in words.
 */
@Component
public class GatewayApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient client;

	private final AccessTokens tokens;

	GatewayApi(RestClient.Builder builder, ConsoleProperties properties, AccessTokens tokens) {
		this.tokens = tokens;
		this.client = builder.baseUrl(properties.gatewayUrl())
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE + ", application/problem+json")
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				throw problemOf(response);
			})
			.build();
	}

	// ---- kabupaten and groups
	// ----------------------------------------------------------------

	public List<Kabupaten> kabupaten() {
		JsonNode body = call((http) -> http.get().uri("/api/kabupaten").retrieve().body(JsonNode.class));
		JsonNode items = body.isArray() ? body : body.path("items");
		return JSON.convertValue(items, new TypeReference<List<Kabupaten>>() {
		});
	}

	public Page<Group> groups(String kabupaten, String status, String q, int page, int size) {
		return call((http) -> http.get()
			.uri((uri) -> optional(
					optional(optional(uri.path("/api/groups"), "kabupaten", kabupaten), "status", status), "q", q)
				.queryParam("page", page)
				.queryParam("size", size)
				.build())
			.retrieve()
			.body(new ParameterizedTypeReference<Page<Group>>() {
			}));
	}

	public Group group(String id) {
		return call((http) -> http.get().uri("/api/groups/{id}", id).retrieve().body(Group.class));
	}

	public Page<Member> members(String groupId) {
		return call((http) -> http.get()
			.uri("/api/groups/{id}/members?size=100", groupId)
			.retrieve()
			.body(new ParameterizedTypeReference<Page<Member>>() {
			}));
	}

	/** Adds a member; the same idempotency key answers the same member. */
	public Member addMember(String groupId, Map<String, Object> body, String idempotencyKey) {
		return call((http) -> http.post()
			.uri("/api/groups/{id}/members", groupId)
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(Member.class));
	}

	/** A member with the version to send back as If-Match. */
	public Versioned<Member> member(String groupId, String memberId) {
		return versioned(call((http) -> http.get()
			.uri("/api/groups/{id}/members/{member}", groupId, memberId)
			.retrieve()
			.toEntity(Member.class)));
	}

	/** Changes a member's fields (e.g. {@code role} to appoint an officer). */
	public Member updateMember(String groupId, String memberId, String etag, Map<String, Object> body) {
		return call((http) -> {
			RestClient.RequestBodySpec request = http.patch()
				.uri("/api/groups/{id}/members/{member}", groupId, memberId)
				.contentType(MediaType.APPLICATION_JSON);
			if (etag != null && !etag.isBlank()) {
				request.header(HttpHeaders.IF_MATCH, etag);
			}
			return request.body(body).retrieve().body(Member.class);
		});
	}

	/** A group's partnerships with agencies (dinas), current and ended. */
	public List<Views.Partnership> partnerships(String groupId) {
		Page<Views.Partnership> page = call((http) -> http.get()
			.uri("/api/groups/{id}/partnerships", groupId)
			.retrieve()
			.body(new ParameterizedTypeReference<Page<Views.Partnership>>() {
			}));
		return (page.items() != null) ? page.items() : List.of();
	}

	/** Forms a partnership; the same idempotency key answers the same partnership. */
	public Views.Partnership formPartnership(String groupId, Map<String, Object> body, String idempotencyKey) {
		return call((http) -> http.post()
			.uri("/api/groups/{id}/partnerships", groupId)
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(Views.Partnership.class));
	}

	public Views.Partnership endPartnership(String groupId, String partnershipId, Map<String, Object> body) {
		return call((http) -> http.post()
			.uri("/api/groups/{id}/partnerships/{partnership}/end", groupId, partnershipId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(Views.Partnership.class));
	}

	/**
	 * The Forum KIM of a kabupaten/kota ({@code forum-62.71}), or {@code null} when there
	 * is none the caller may see (the API answers 404 for both).
	 */
	public Views.Forum forumOf(String kabupaten) {
		try {
			return call((http) -> http.get()
				.uri("/api/forums/{id}", "forum-" + kabupaten)
				.retrieve()
				.body(Views.Forum.class));
		}
		catch (ApiProblem problem) {
			if (problem.status() == 404) {
				return null;
			}
			throw problem;
		}
	}

	public Views.Forum establishForum(Map<String, Object> body) {
		return call((http) -> http.post()
			.uri("/api/forums")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(Views.Forum.class));
	}

	public Views.Forum addForumGroup(String forumId, String groupId) {
		return call((http) -> http.post()
			.uri("/api/forums/{id}/groups", forumId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("groupId", groupId))
			.retrieve()
			.body(Views.Forum.class));
	}

	public Views.Forum removeForumGroup(String forumId, String groupId) {
		return call((http) -> http.delete()
			.uri("/api/forums/{id}/groups/{group}", forumId, groupId)
			.retrieve()
			.body(Views.Forum.class));
	}

	/**
	 * Imports a CSV roster into a group as {@code token}'s user (the caller follows it on
	 * a thread of its own, outside the browser's request), handing each row's answer to
	 * {@code rows} as the API streams it.
	 * @return the API's totals
	 * @throws ApiProblem when the API refuses the file as a whole (e.g. a missing column)
	 * @throws IOException when the answer breaks off
	 */
	public RosterTotals importRoster(String token, String groupId, byte[] csv, String idempotencyKey,
			java.util.function.Consumer<JsonNode> rows) throws IOException {
		try {
			return this.client.post().uri("/api/groups/{id}/members/import", groupId).headers((headers) -> {
				headers.setBearerAuth(token);
				if (idempotencyKey != null) {
					headers.set("Idempotency-Key", idempotencyKey);
				}
			})
				.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
				.body(csv)
				.exchange((request, response) -> {
					if (response.getStatusCode().isError()) {
						throw problemOf(response);
					}
					try (InputStream body = response.getBody()) {
						return RosterTotals.read(JSON, body, rows);
					}
				}, true);
		}
		catch (ResourceAccessException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw ApiProblem.unreachable(ex);
		}
	}

	/**
	 * The totals of a roster import.
	 *
	 * @param accepted rows that added (or had already added) a member
	 * @param rejected rows refused
	 */
	public record RosterTotals(int accepted, int rejected) {

		/**
		 * Reads the API's streamed answer {@code {"groupId", "rows": [...], "accepted",
		 * "rejected"}} one row at a time.
		 */
		static RosterTotals read(JsonMapper json, InputStream body, java.util.function.Consumer<JsonNode> rows) {
			int accepted = -1;
			int rejected = -1;
			try (tools.jackson.core.JsonParser parser = json.createParser(body)) {
				if (parser.nextToken() != tools.jackson.core.JsonToken.START_OBJECT) {
					throw new ApiProblem(502, "unreadable answer", null, List.of());
				}
				while (parser.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					tools.jackson.core.JsonToken value = parser.nextToken();
					if ("rows".equals(name) && value == tools.jackson.core.JsonToken.START_ARRAY) {
						while (parser.nextToken() == tools.jackson.core.JsonToken.START_OBJECT) {
							rows.accept(parser.readValueAsTree());
						}
					}
					else if ("accepted".equals(name)) {
						accepted = parser.getIntValue();
					}
					else if ("rejected".equals(name)) {
						rejected = parser.getIntValue();
					}
					else {
						parser.skipChildren();
					}
				}
			}
			if (accepted < 0 || rejected < 0) {
				throw new tools.jackson.core.exc.StreamReadException(null, "the answer ended before its totals");
			}
			return new RosterTotals(accepted, rejected);
		}

	}

	// ---- broadcasts
	// ------------------------------------------------------------------------

	public Page<Broadcast> broadcasts(String status, int page, int size) {
		return call((http) -> http.get()
			.uri((uri) -> optional(uri.path("/api/broadcasts"), "status", status).queryParam("page", page)
				.queryParam("size", size)
				.build())
			.retrieve()
			.body(new ParameterizedTypeReference<Page<Broadcast>>() {
			}));
	}

	public Versioned<Broadcast> broadcast(String id) {
		return versioned(
				call((http) -> http.get().uri("/api/broadcasts/{id}", id).retrieve().toEntity(Broadcast.class)));
	}

	/**
	 * Drafts a broadcast; the same idempotency key answers the same draft, so a form sent
	 * twice makes one.
	 */
	public Versioned<Broadcast> draft(Map<String, Object> body, String idempotencyKey) {
		return versioned(call((http) -> http.post()
			.uri("/api/broadcasts")
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(Broadcast.class)));
	}

	public Versioned<Broadcast> edit(String id, String etag, Map<String, Object> body) {
		return versioned(call((http) -> http.patch()
			.uri("/api/broadcasts/{id}", id)
			.header(HttpHeaders.IF_MATCH, etag)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(Broadcast.class)));
	}

	/**
	 * A lifecycle command ({@code submit}, {@code approve}, {@code reject},
	 * {@code cancel}) on the version the user saw.
	 */
	public Versioned<Broadcast> command(String id, String command, String etag, Map<String, Object> body) {
		return versioned(call((http) -> {
			RestClient.RequestBodySpec request = http.post()
				.uri("/api/broadcasts/{id}/{command}", id, command)
				.contentType(MediaType.APPLICATION_JSON);
			if (etag != null && !etag.isBlank()) {
				request.header(HttpHeaders.IF_MATCH, etag);
			}
			return request.body(body).retrieve().toEntity(Broadcast.class);
		}));
	}

	public Map<String, Object> preview(String id) {
		return call((http) -> http.get().uri("/api/broadcasts/{id}/preview", id).retrieve().body(mapType()));
	}

	/**
	 * A broadcast's messages in one delivery status (e.g. {@code FAILED}), first page.
	 */
	public Page<Views.Notification> notifications(String broadcastId, String status, int size) {
		return call((http) -> http.get()
			.uri((uri) -> uri.path("/api/notifications")
				.queryParam("broadcastId", broadcastId)
				.queryParam("status", status)
				.queryParam("size", size)
				.build())
			.retrieve()
			.body(new ParameterizedTypeReference<Page<Views.Notification>>() {
			}));
	}

	/**
	 * The community's replies to a broadcast, as the API lists them; {@code null} when
	 * this API has no replies yet (404 on the path, distinct from a broadcast not found,
	 * which the broadcast's own page reports).
	 */
	public List<Map<String, Object>> replies(String id) {
		try {
			Map<String, Object> page = call(
					(http) -> http.get().uri("/api/broadcasts/{id}/replies?size=50", id).retrieve().body(mapType()));
			if (page.get("items") instanceof List<?> items) {
				List<Map<String, Object>> replies = new ArrayList<>();
				for (Object item : items) {
					if (item instanceof Map<?, ?> reply) {
						Map<String, Object> copy = new LinkedHashMap<>();
						reply.forEach((key, value) -> copy.put(String.valueOf(key), value));
						replies.add(copy);
					}
				}
				return replies;
			}
			return List.of();
		}
		catch (ApiProblem problem) {
			if (problem.status() == 404 || problem.status() == 405) {
				return null;
			}
			throw problem;
		}
	}

	public Progress progress(String id) {
		return Progress
			.of(call((http) -> http.get().uri("/api/broadcasts/{id}/progress", id).retrieve().body(mapType())));
	}

	/**
	 * The approved WhatsApp templates ({@code name}, {@code language}, {@code variables},
	 * {@code body}), or {@code null} when the caller may not list them (operators may) or
	 * the API has no such list.
	 */
	public List<Map<String, Object>> whatsappTemplates() {
		try {
			Map<String, Object> page = call(
					(http) -> http.get().uri("/api/whatsapp-templates").retrieve().body(mapType()));
			List<Map<String, Object>> templates = new ArrayList<>();
			if (page.get("items") instanceof List<?> items) {
				for (Object item : items) {
					if (item instanceof Map<?, ?> template && template.get("name") != null) {
						Map<String, Object> copy = new LinkedHashMap<>();
						template.forEach((key, value) -> copy.put(String.valueOf(key), value));
						templates.add(copy);
					}
				}
			}
			return templates;
		}
		catch (ApiProblem problem) {
			if (problem.status() == 403 || problem.status() == 404) {
				return null;
			}
			throw problem;
		}
	}

	// ---- plumbing
	// ----------------------------------------------------------------------------

	/**
	 * One call as the signed-in user (also {@link ActivityApi}'s): the user's token, and
	 * every failure an {@link ApiProblem}.
	 */
	<T> T call(Function<RestClient, T> call) {
		String token = this.tokens.current();
		RestClient authorized = this.client.mutate().defaultHeaders((headers) -> headers.setBearerAuth(token)).build();
		try {
			T answer = call.apply(authorized);
			if (answer == null) {
				throw new ApiProblem(502, "empty answer", null, List.of());
			}
			return answer;
		}
		catch (ResourceAccessException ex) {
			throw ApiProblem.unreachable(ex);
		}
		catch (RestClientException ex) {
			// an answer the console cannot read: say so, not how
			ApiProblem problem = new ApiProblem(502, "unreadable answer", null, List.of());
			problem.initCause(ex);
			throw problem;
		}
	}

	static <T> Versioned<T> versioned(ResponseEntity<T> entity) {
		return new Versioned<>(entity.getBody(), entity.getHeaders().getETag());
	}

	static UriBuilder optional(UriBuilder uri, String name, String value) {
		return (value != null && !value.isBlank()) ? uri.queryParam(name, value) : uri;
	}

	private static ParameterizedTypeReference<Map<String, Object>> mapType() {
		return new ParameterizedTypeReference<>() {
		};
	}

	/** The problem+json of an error answer, or what can be said without one. */
	static ApiProblem problemOf(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		String text;
		try (InputStream body = response.getBody()) {
			text = StreamUtils.copyToString(body, StandardCharsets.UTF_8);
		}
		return problemOf(status, text);
	}

	static ApiProblem problemOf(int status, String text) {
		try {
			Map<String, Object> problem = JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
			});
			List<String> errors = new ArrayList<>();
			if (problem.get("errors") instanceof List<?> list) {
				for (Object error : list) {
					if (error instanceof Map<?, ?> field) {
						Object name = (field.get("field") != null) ? field.get("field") : field.get("name");
						Object message = (field.get("message") != null) ? field.get("message") : field.get("detail");
						errors.add(((name != null) ? name + ": " : "") + ((message != null) ? message : ""));
					}
					else if (error != null) {
						errors.add(error.toString());
					}
				}
			}
			return new ApiProblem(status, string(problem.get("title")), string(problem.get("detail")), errors);
		}
		catch (RuntimeException ex) {
			// not problem+json (e.g. an HTML page of a proxy): say nothing of its insides
			return new ApiProblem(status, null, null, List.of());
		}
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
