package id.go.kalteng.kim.support.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What makes a service's OpenAPI document one users can generate clients from (the rules
 * Redocly's {@code recommended} set checks, plus the platform's own): every operation has
 * a summary and a unique operationId, documents at least one 4xx answer as
 * {@code application/problem+json} of the shared {@code Problem} schema, every request
 * body and every JSON 2xx answer has an example, and servers are relative (the gateway
 * serves the same paths).
 */
public final class OpenApiDocumentRules {

	/** The schema every problem+json answer refers to. */
	public static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
			"trace");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private OpenApiDocumentRules() {
	}

	/**
	 * Fetches the service's document from {@code /v3/api-docs} and keeps a copy in
	 * {@code target/openapi/<name>.json} (for {@code redocly lint} by hand).
	 */
	public static JsonNode fetch(MockMvc mvc, String name) throws Exception {
		String body = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
		JsonNode document = JSON.readTree(body);
		try {
			Path file = Path.of("target", "openapi", name + ".json");
			Files.createDirectories(file.getParent());
			Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return document;
	}

	/** Fails with every rule the document breaks, one line each. */
	public static void assertUsable(JsonNode document) {
		List<String> broken = violations(document);
		if (!broken.isEmpty()) {
			throw new AssertionError(
					"The OpenAPI document is not usable for client generation:\n  " + String.join("\n  ", broken));
		}
	}

	/** The rules the document breaks, one line each; empty when usable. */
	public static List<String> violations(JsonNode document) {
		List<String> broken = new ArrayList<>();
		for (JsonNode server : document.path("servers")) {
			String url = server.path("url").asString("");
			if (!url.startsWith("/") || url.startsWith("//")) {
				broken.add("server " + url + " is not relative");
			}
		}
		if (!document.path("paths").isObject() || document.path("paths").isEmpty()) {
			broken.add("the document has no paths");
		}
		Map<String, String> operationIds = new HashMap<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				if (!METHODS.contains(method.getKey())) {
					continue;
				}
				String where = method.getKey().toUpperCase() + " " + path.getKey();
				checkOperation(document, where, method.getValue(), operationIds, broken);
			}
		}
		return broken;
	}

	private static void checkOperation(JsonNode document, String where, JsonNode operation,
			Map<String, String> operationIds, List<String> broken) {
		if (operation.path("summary").asString("").isBlank()) {
			broken.add(where + " has no summary");
		}
		String operationId = operation.path("operationId").asString("");
		if (operationId.isBlank()) {
			broken.add(where + " has no operationId");
		}
		else {
			if (operationId.matches(".*_[0-9]+")) {
				broken.add(where + " has operationId " + operationId + ", made unique by springdoc: name it");
			}
			String other = operationIds.putIfAbsent(operationId, where);
			if (other != null) {
				broken.add(where + " has operationId " + operationId + ", as has " + other);
			}
		}
		boolean problem = false;
		for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
			JsonNode resolved = resolve(document, response.getValue());
			if (response.getKey().startsWith("4")) {
				problem |= PROBLEM_SCHEMA.equals(resolved.path("content")
					.path("application/problem+json")
					.path("schema")
					.path("$ref")
					.asString(""));
			}
			if (response.getKey().startsWith("2")) {
				for (Map.Entry<String, JsonNode> media : resolved.path("content").properties()) {
					if (media.getKey().contains("json") && !hasExample(media.getValue())) {
						broken.add(
								where + " answers " + response.getKey() + " " + media.getKey() + " without an example");
					}
				}
			}
		}
		if (!problem) {
			broken.add(where + " documents no 4xx application/problem+json answer of the Problem schema");
		}
		JsonNode body = resolve(document, operation.path("requestBody"));
		for (Map.Entry<String, JsonNode> media : body.path("content").properties()) {
			if (!hasExample(media.getValue()) && !filesOnly(document, media.getValue().path("schema"))) {
				broken.add(where + " takes a " + media.getKey() + " body without an example");
			}
		}
	}

	private static boolean hasExample(JsonNode media) {
		return media.has("example") || !media.path("examples").isEmpty() || media.path("schema").has("example");
	}

	/** A binary body, or a form of files: nothing an example could show. */
	private static boolean filesOnly(JsonNode document, JsonNode schema) {
		JsonNode resolved = resolve(document, schema);
		if ("binary".equals(resolved.path("format").asString(""))) {
			return true;
		}
		JsonNode properties = resolved.path("properties");
		if (properties.isEmpty()) {
			return false;
		}
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			if (!"binary".equals(resolve(document, property.getValue()).path("format").asString(""))) {
				return false;
			}
		}
		return true;
	}

	private static JsonNode resolve(JsonNode document, JsonNode node) {
		String ref = node.path("$ref").asString("");
		if (!ref.startsWith("#/")) {
			return node;
		}
		return document.at(ref.substring(1));
	}

}
