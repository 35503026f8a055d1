package id.go.kalteng.kim.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import id.go.kalteng.kim.contracts.activity.ActivityEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastEvent;
import id.go.kalteng.kim.contracts.forum.ForumEvent;
import id.go.kalteng.kim.contracts.group.GroupEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedInEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedOutEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedLanguageTest {

	static Stream<Class<?>> events() {
		return Stream
			.of(GroupEvent.class.getPermittedSubclasses(), ForumEvent.class.getPermittedSubclasses(),
					BroadcastEvent.class.getPermittedSubclasses(), ActivityEvent.class.getPermittedSubclasses(),
					new Class<?>[] { NotificationRequestedEvent.class, NotificationStatusChangedEvent.class,
							ChannelOptedOutEvent.class, ChannelOptedInEvent.class })
			.flatMap(Stream::of);
	}

	@ParameterizedTest
	@MethodSource("events")
	void everyEventTypeHasASchemaWhoseExamplesValidate(Class<?> event) {
		String type = EventSchemas.typeOf(event);
		assertThat(EventSchemas.schemaDocument(type).path("$id").asString()).endsWith(type + ".json");
		assertThat(EventSchemas.examples(type)).isNotEmpty()
			.allSatisfy((example) -> assertThat(EventSchemas.errors(type, example.toString())).isEmpty());
	}

	@ParameterizedTest
	@MethodSource("events")
	void schemaNamesEveryFieldOfTheRecord(Class<?> event) {
		String type = EventSchemas.typeOf(event);
		List<String> documented = EventSchemas.schemaDocument(type)
			.path("properties")
			.propertyNames()
			.stream()
			.toList();
		assertThat(Stream.of(event.getRecordComponents()).map((c) -> c.getName()))
			.containsExactlyInAnyOrderElementsOf(documented);
	}

	@ParameterizedTest
	@MethodSource("events")
	void asyncApiDocumentListsEveryType(Class<?> event) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/asyncapi.yaml")) {
			String asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(asyncApi).contains("name: " + EventSchemas.typeOf(event))
				.contains("schemas/" + EventSchemas.typeOf(event) + ".json");
		}
	}

	@ParameterizedTest
	@MethodSource("events")
	void schemaRejectsAPayloadMissingARequiredField(Class<?> event) {
		String type = EventSchemas.typeOf(event);
		assertThat(EventSchemas.errors(type, "{}")).isNotEmpty();
	}

}
