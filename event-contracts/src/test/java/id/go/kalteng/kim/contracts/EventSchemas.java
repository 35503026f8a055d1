package id.go.kalteng.kim.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published schemas as a test helper: producers assert that what they emit validates,
 * consumers read the schemas' examples.
 */
public final class EventSchemas {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private EventSchemas() {
	}

	/** The CloudEvents type of an event record, from its {@link EventType} annotation. */
	public static String typeOf(Class<?> eventClass) {
		EventType type = eventClass.getAnnotation(EventType.class);
		if (type == null) {
			throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
		}
		return type.value();
	}

	/** The parsed schema document of a type. */
	public static JsonNode schemaDocument(String type) {
		try (InputStream in = open(type)) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The examples the schema of a type publishes. */
	public static List<JsonNode> examples(String type) {
		return schemaDocument(type).path("examples").valueStream().toList();
	}

	/**
	 * Validation errors of a JSON payload against the schema of its type; empty when
	 * valid.
	 */
	public static List<String> errors(String type, String json) {
		Schema schema = SCHEMAS.computeIfAbsent(type, (t) -> REGISTRY.getSchema(open(t)));
		return schema.validate(JSON.readTree(json)).stream().map(Error::toString).toList();
	}

	/** Fails when a JSON payload does not validate against the schema of its type. */
	public static void assertValid(String type, String json) {
		List<String> errors = errors(type, json);
		if (!errors.isEmpty()) {
			throw new AssertionError("payload of " + type + " violates its schema: " + errors + "\n" + json);
		}
	}

	private static InputStream open(String type) {
		InputStream in = EventSchemas.class.getResourceAsStream("/schemas/" + type + ".json");
		if (in == null) {
			throw new IllegalArgumentException("no schema published for " + type);
		}
		return in;
	}

}
