package id.go.kalteng.kim.contracts;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code "x-kim-personal"} marks drive the redaction of the public event log
 * (stream-service): a field named like personal data must say whether it is
 * ({@code true}: removed from the public log) or is not ({@code false}, e.g. a group's
 * name), so no new field slips out unjudged.
 */
class PersonalFieldsTest {

	/** Names that smell of a person: phone, name, e-mail, address, NIK, birth date. */
	static final Pattern PERSONAL_LOOKING = Pattern
		.compile("(?i).*(phone|msisdn|name|nama|e-?mail|address|alamat|nik|birth|lahir).*");

	/** Names that are personal whatever the event: never published. */
	static final Pattern ALWAYS_PERSONAL = Pattern.compile("(?i).*(phone|msisdn|e-?mail|nik|birth|lahir).*");

	static Stream<String> types() throws IOException, URISyntaxException {
		Path folder = Path.of(PersonalFieldsTest.class.getResource("/schemas").toURI());
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".json"))
				.map((name) -> name.substring(0, name.length() - ".json".length()))
				.sorted()
				.toList()
				.stream();
		}
	}

	@ParameterizedTest
	@MethodSource("types")
	void everyPersonalLookingFieldDeclaresWhetherItIsPersonal(String type) {
		List<String> unmarked = new ArrayList<>();
		properties(EventSchemas.schemaDocument(type), "", (path, property) -> {
			if (PERSONAL_LOOKING.matcher(last(path)).matches() && !property.path("x-kim-personal").isBoolean()) {
				unmarked.add(path);
			}
		});
		assertThat(unmarked).as("fields of " + type + " named like personal data without \"x-kim-personal\"").isEmpty();
	}

	@ParameterizedTest
	@MethodSource("types")
	void phoneNumbersAndLikeAreAlwaysMarkedPersonal(String type) {
		List<String> published = new ArrayList<>();
		properties(EventSchemas.schemaDocument(type), "", (path, property) -> {
			if (ALWAYS_PERSONAL.matcher(last(path)).matches() && !property.path("x-kim-personal").asBoolean(false)) {
				published.add(path);
			}
		});
		assertThat(published).as("fields of " + type + " that must be marked \"x-kim-personal\": true").isEmpty();
	}

	@ParameterizedTest
	@MethodSource("types")
	void theMarkIsABooleanWhereverItAppears(String type) {
		properties(EventSchemas.schemaDocument(type), "", (path, property) -> {
			if (property.has("x-kim-personal")) {
				assertThat(property.path("x-kim-personal").isBoolean()).as(type + " " + path).isTrue();
			}
		});
	}

	@Test
	void theCheckWouldCatchAnUnmarkedPhoneOrName() {
		for (String name : List.of("phone", "phoneHash", "contactPhone", "name", "fullName", "email", "address", "nik",
				"birthDate")) {
			assertThat(PERSONAL_LOOKING.matcher(name).matches()).as(name).isTrue();
		}
		assertThat(PERSONAL_LOOKING.matcher("groupId").matches()).isFalse();
	}

	@Test
	void theMemberJoinedPhoneIsMarkedAndTheGroupNameIsDeclaredPublic() {
		assertThat(EventSchemas.schemaDocument("kim.group.member-joined.v1")
			.path("properties")
			.path("phone")
			.path("x-kim-personal")
			.asBoolean(false)).isTrue();
		JsonNode name = EventSchemas.schemaDocument("kim.group.group-registered.v1").path("properties").path("name");
		assertThat(name.path("x-kim-personal").isBoolean()).isTrue();
		assertThat(name.path("x-kim-personal").asBoolean(true)).isFalse();
	}

	/** Visits every property of a schema, nested objects and array items included. */
	static void properties(JsonNode schema, String prefix, BiConsumer<String, JsonNode> visitor) {
		for (Map.Entry<String, JsonNode> entry : schema.path("properties").properties()) {
			String path = prefix + entry.getKey();
			visitor.accept(path, entry.getValue());
			properties(entry.getValue(), path + ".", visitor);
			properties(entry.getValue().path("items"), path + "[].", visitor);
		}
	}

	private static String last(String path) {
		String name = path.substring(path.lastIndexOf('.') + 1);
		return name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
	}

}
