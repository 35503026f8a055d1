package id.go.kalteng.kim.support.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpHeaders;

/**
 * Completes every service's OpenAPI document so clients can be generated from it:
 * <ul>
 * <li>each operation lists the problem+json answers it can give, all of the shared
 * {@code Problem} schema with an example: 400 when it takes parameters or a body, 401 and
 * 403 when it needs a token, 404 when its path names a resource, 409 when it changes
 * something, 412 when it reads {@code If-Match}, 415 when it takes a body, 429 always
 * (the gateway limits each client);</li>
 * <li>each request body and JSON answer without an example gets one built from its schema
 * (the {@code @Schema(example = ...)} of the fields, else the first enum value, the
 * default, or a value of the type);</li>
 * <li>paths under {@code /webhooks/} are public (see {@code KimSecurityConfiguration}):
 * no bearer token, their own 401 for a bad signature.</li>
 * </ul>
 * An operation's own {@code @ApiResponse} for a status is kept.
 */
public class KimOpenApiCustomizer implements OpenApiCustomizer {

	/** The schema every problem+json answer refers to. */
	public static final String PROBLEM = "Problem";

	static final String PROBLEM_JSON = "application/problem+json";

	private static final String FIELD_VIOLATION = "FieldViolation";

	private static final String PUBLIC_PREFIX = "/webhooks/";

	private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
			PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

	private static final int MAX_DEPTH = 6;

	private static final Pattern CHOICES = Pattern.compile("\\^?\\(?\\w+(\\|\\w+)*\\)?\\$?");

	private static final String EXAMPLE_ID = "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a77";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.setComponents(components);
		addProblemSchemas(components);
		Map<String, Object> named = examplesByName(components);
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			boolean open = path.startsWith(PUBLIC_PREFIX);
			if (open) {
				operation.setSecurity(new ArrayList<>());
			}
			addProblems(components, operation, method, open);
			addExamples(components, named, operation);
		}));
	}

	private static void addProblems(Components components, Operation operation, PathItem.HttpMethod method,
			boolean open) {
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		boolean body = operation.getRequestBody() != null;
		if (!parameters.isEmpty() || body) {
			problem(components, operation, "400", "BadRequest", "The request is invalid; errors names each field",
					"validation", "Invalid request", "The request has invalid fields",
					List.of(violation("name", "must not be blank")));
		}
		problem(components, operation, "401", "Unauthorized",
				open ? "The signature is missing, wrong or too old" : "No valid bearer token", "unauthorized",
				"Unauthorized", open ? "The request signature does not verify"
						: "A valid bearer token is required (POST /oauth2/token on the issuer)",
				null);
		if (!open) {
			problem(components, operation, "403", "Forbidden", "The caller's role or scope may not do this",
					"forbidden", "Forbidden", "Your role may not do this", null);
		}
		if (parameters.stream().anyMatch((parameter) -> "path".equals(parameter.getIn()))) {
			problem(components, operation, "404", "NotFound",
					"It does not exist, or the caller may not know that it does", "not-found", "Not found",
					"Group " + EXAMPLE_ID + " does not exist", null);
		}
		if (WRITES.contains(method)) {
			problem(components, operation, "409", "Conflict",
					"The request breaks a rule (the type names it), or a concurrent change won", "concurrent-change",
					"Concurrent change", "Someone else changed it at the same time; load it again and retry", null);
		}
		if (parameters.stream()
			.anyMatch((parameter) -> "header".equals(parameter.getIn())
					&& HttpHeaders.IF_MATCH.equalsIgnoreCase(parameter.getName()))) {
			problem(components, operation, "412", "PreconditionFailed",
					"If-Match does not name the current version (ETag)", "stale-version", "Precondition failed",
					"Version \"3\" is not the current one; load it again", null);
		}
		if (body) {
			problem(components, operation, "415", "UnsupportedMediaType", "The body's Content-Type is not accepted",
					"unsupported-media-type", "Unsupported media type",
					"Content-Type text/xml is not accepted here; send one of: application/json",
					List.of(violation(HttpHeaders.CONTENT_TYPE, "must be one of: application/json")));
		}
		problem(components, operation, "429", "TooManyRequests",
				"More requests per second than the gateway allows this client; retry after Retry-After seconds",
				"too-many-requests", "Too Many Requests",
				"More than the allowed requests per second from this client; retry after the indicated seconds", null);
	}

	private static Map<String, Object> violation(String field, String message) {
		Map<String, Object> violation = new LinkedHashMap<>();
		violation.put("field", field);
		violation.put("message", message);
		return violation;
	}

	private static void problem(Components components, Operation operation, String status, String name,
			String description, String type, String title, String detail, List<Map<String, Object>> errors) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		if (operation.getResponses().containsKey(status)) {
			return;
		}
		if (components.getResponses() == null || !components.getResponses().containsKey(name)) {
			Map<String, Object> example = new LinkedHashMap<>();
			example.put("type", Problems.TYPE_BASE + type);
			example.put("title", title);
			example.put("status", Integer.parseInt(status));
			example.put("detail", detail);
			if (errors != null) {
				example.put("errors", errors);
			}
			ApiResponse response = new ApiResponse().description(description)
				.content(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref(ref(PROBLEM))).example(example)));
			if ("429".equals(status)) {
				response.addHeaderObject(HttpHeaders.RETRY_AFTER,
						new Header().description("Seconds to wait").schema(new IntegerSchema()));
			}
			components.addResponses(name, response);
		}
		operation.getResponses().addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + name));
	}

	private static void addProblemSchemas(Components components) {
		if (components.getSchemas() != null && components.getSchemas().containsKey(PROBLEM)) {
			return;
		}
		Schema<?> violation = new ObjectSchema().description("One bad field of a request")
			.addProperty("field",
					new StringSchema().description("The field, parameter, header or part")
						.example("target.kabupaten[0]"))
			.addProperty("message",
					new StringSchema().description("What is wrong with it").example("must not be blank"))
			.addProperty("rejectedValue", new Schema<>().description("The value sent, when it helps").example(""));
		violation.setRequired(List.of("field", "message"));
		Schema<?> problem = new ObjectSchema().description("An RFC 9457 problem: every 4xx and 5xx answer")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("Names the kind of problem; the last segment is its rule")
						.example(Problems.TYPE_BASE + "validation"))
			.addProperty("title",
					new StringSchema().description("Short, the same for every problem of the type")
						.example("Invalid request"))
			.addProperty("status", new IntegerSchema().description("The HTTP status").example(400))
			.addProperty("detail",
					new StringSchema().description("What went wrong this time")
						.example("The request has invalid fields"))
			.addProperty("instance", new StringSchema().format("uri-reference").description("The request path"))
			.addProperty("errors", new ArraySchema().items(new Schema<>().$ref(ref(FIELD_VIOLATION)))
				.description("Each bad field (validation problems only)"));
		problem.setRequired(List.of("type", "title", "status"));
		components.addSchemas(FIELD_VIOLATION, violation);
		components.addSchemas(PROBLEM, problem);
	}

	/**
	 * The examples the document's own fields carry, by field name: an answer's
	 * {@code name} shows the example its request's {@code name} has.
	 */
	@SuppressWarnings("rawtypes")
	private static Map<String, Object> examplesByName(Components components) {
		Map<String, Object> named = new LinkedHashMap<>();
		if (components.getSchemas() != null) {
			for (Schema<?> schema : components.getSchemas().values()) {
				if (schema.getProperties() == null) {
					continue;
				}
				for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
					if (property.getValue().getExample() != null) {
						named.putIfAbsent(property.getKey(), property.getValue().getExample());
					}
				}
			}
		}
		return named;
	}

	private static void addExamples(Components components, Map<String, Object> named, Operation operation) {
		if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
			operation.getRequestBody().getContent().values().forEach((media) -> exemplify(components, named, media));
		}
		if (operation.getResponses() != null) {
			operation.getResponses().forEach((status, response) -> {
				if (status.startsWith("2") && response.getContent() != null) {
					response.getContent().values().forEach((media) -> exemplify(components, named, media));
				}
			});
		}
	}

	private static void exemplify(Components components, Map<String, Object> named, MediaType media) {
		if (media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())
				|| media.getSchema() == null) {
			return;
		}
		Object example = exampleOf(components, named, null, media.getSchema(), 0);
		if (example != null) {
			media.setExample(example);
		}
	}

	/** A value for the schema: its own example, else built from its parts. */
	@SuppressWarnings("unchecked")
	static Object exampleOf(Components components, Map<String, Object> named, String name, Schema<?> schema,
			int depth) {
		if (schema == null || depth > MAX_DEPTH) {
			return null;
		}
		if (schema.get$ref() != null) {
			String target = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			Schema<?> referred = (components.getSchemas() != null) ? components.getSchemas().get(target) : null;
			return exampleOf(components, named, name, referred, depth + 1);
		}
		if (schema.getExample() != null) {
			return schema.getExample();
		}
		if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
			return schema.getExamples().get(0);
		}
		if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
			return schema.getEnum().get(0);
		}
		if (schema.getDefault() != null) {
			return schema.getDefault();
		}
		if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
			return exampleOf(components, named, name, schema.getAllOf().get(0), depth + 1);
		}
		if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
			return exampleOf(components, named, name, schema.getOneOf().get(0), depth + 1);
		}
		String type = typeOf(schema);
		if ("array".equals(type)) {
			if (name != null && named.containsKey(name) && !(named.get(name) instanceof CharSequence)) {
				return named.get(name);
			}
			Object item = exampleOf(components, named, name, schema.getItems(), depth + 1);
			return (item != null) ? List.of(item) : List.of();
		}
		if ("object".equals(type) || schema.getProperties() != null) {
			Map<String, Object> object = new LinkedHashMap<>();
			if (schema.getProperties() != null) {
				schema.getProperties().forEach((property, value) -> {
					Object example = exampleOf(components, named, property, value, depth + 1);
					if (example != null) {
						object.put(property, example);
					}
				});
			}
			else if (schema.getAdditionalProperties() instanceof Schema<?> values) {
				Object value = exampleOf(components, named, null, values, depth + 1);
				if (value != null) {
					object.put("key", value);
				}
			}
			// a form of files only: nothing to show
			return (object.isEmpty() && schema.getProperties() != null && !schema.getProperties().isEmpty()) ? null
					: object;
		}
		if ("integer".equals(type) || "number".equals(type)) {
			return (schema.getMinimum() != null) ? schema.getMinimum().intValue() : 1;
		}
		if ("boolean".equals(type)) {
			return true;
		}
		if ("string".equals(type)) {
			return stringOf(named, name, schema);
		}
		return null;
	}

	private static Object stringOf(Map<String, Object> named, String name, Schema<?> schema) {
		if (name != null && named.get(name) instanceof CharSequence known) {
			return known;
		}
		if (name != null && (name.equals("id") || name.endsWith("Id"))) {
			return EXAMPLE_ID;
		}
		if (schema.getPattern() != null && CHOICES.matcher(schema.getPattern()).matches()) {
			// a pattern of words to choose from (PRIA|WANITA): the first of them
			return schema.getPattern().replaceAll("^\\^?\\(?", "").split("[|)$]")[0];
		}
		String format = (schema.getFormat() != null) ? schema.getFormat() : "";
		return switch (format) {
			case "date-time" -> "2026-03-02T01:30:00Z";
			case "date" -> "2026-03-02";
			case "binary", "byte" -> null;
			case "uri" -> "https://kim.kalteng.go.id/";
			default -> "text";
		};
	}

	private static String typeOf(Schema<?> schema) {
		if (schema.getType() != null) {
			return schema.getType();
		}
		if (schema.getTypes() != null) {
			return schema.getTypes().stream().filter((type) -> !"null".equals(type)).findFirst().orElse(null);
		}
		return null;
	}

	private static String ref(String schema) {
		return "#/components/schemas/" + schema;
	}

}
