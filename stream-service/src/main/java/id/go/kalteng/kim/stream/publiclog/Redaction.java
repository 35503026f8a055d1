package id.go.kalteng.kim.stream.publiclog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What of an event may be published, decided only by its JSON Schema in event-contracts:
 * a field stays when the schema declares it and does not mark it
 * {@code "x-kim-personal": true}; nested objects and array items are judged by their own
 * schemas. A field the schema does not declare (a producer ahead of its schema) is left
 * out too, so nothing reaches the public log unjudged. There is no per-type code.
 */
public final class Redaction {

	/** The schema keyword marking a personal field. */
	public static final String PERSONAL = "x-kim-personal";

	private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,120}");

	private final JsonMapper json;

	private final Map<String, Optional<JsonNode>> schemas = new ConcurrentHashMap<>();

	public Redaction(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The public payload of an event, or empty when its type has no published schema
	 * (then nothing of it may be published) or the payload is not a JSON object.
	 */
	public Optional<byte[]> redact(String type, byte[] payload) {
		Optional<JsonNode> schema = schemaOf(type);
		if (schema.isEmpty()) {
			return Optional.empty();
		}
		JsonNode tree;
		try {
			tree = this.json.readTree(payload);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		if (!tree.isObject()) {
			return Optional.empty();
		}
		return Optional.of(this.json.writeValueAsBytes(keep(tree, schema.get())));
	}

	/** Whether a type has a published schema. */
	public boolean knows(String type) {
		return schemaOf(type).isPresent();
	}

	private static JsonNode keep(JsonNode value, JsonNode schema) {
		if (value.isObject() && schema.has("properties")) {
			ObjectNode kept = JsonNodeFactory.instance.objectNode();
			JsonNode properties = schema.get("properties");
			for (Map.Entry<String, JsonNode> field : value.properties()) {
				JsonNode property = properties.get(field.getKey());
				if (property != null && !property.path(PERSONAL).asBoolean(false)) {
					kept.set(field.getKey(), keep(field.getValue(), property));
				}
			}
			return kept;
		}
		if (value.isArray() && schema.has("items")) {
			ArrayNode kept = JsonNodeFactory.instance.arrayNode();
			value.forEach((item) -> kept.add(keep(item, schema.get("items"))));
			return kept;
		}
		if (value.isContainer() && !schema.has("properties") && !schema.has("items")) {
			// an object or array whose schema does not describe its contents: nothing in
			// it
			// was judged, so none of it is published
			return value.isObject() ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.arrayNode();
		}
		return value;
	}

	private Optional<JsonNode> schemaOf(String type) {
		if (type == null || !TYPE_NAME.matcher(type).matches()) {
			return Optional.empty();
		}
		return this.schemas.computeIfAbsent(type, this::load);
	}

	private Optional<JsonNode> load(String type) {
		try (InputStream in = Redaction.class.getResourceAsStream("/schemas/" + type + ".json")) {
			return (in != null) ? Optional.of(this.json.readTree(in)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
