package id.go.kalteng.kim.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import id.go.kalteng.kim.contracts.activity.ActivityEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastEvent;
import id.go.kalteng.kim.contracts.forum.ForumEvent;
import id.go.kalteng.kim.contracts.group.GroupEvent;
import id.go.kalteng.kim.contracts.group.PersonErasedEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedInEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedOutEvent;
import id.go.kalteng.kim.contracts.notification.InboundMessageReceivedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedLanguageTest {

	static Stream<Class<?>> events() {
		return Stream
			.of(GroupEvent.class.getPermittedSubclasses(), ForumEvent.class.getPermittedSubclasses(),
					BroadcastEvent.class.getPermittedSubclasses(), ActivityEvent.class.getPermittedSubclasses(),
					new Class<?>[] { NotificationRequestedEvent.class, NotificationStatusChangedEvent.class,
							ChannelOptedOutEvent.class, ChannelOptedInEvent.class, InboundMessageReceivedEvent.class,
							WhatsAppTemplatesPublishedEvent.class, PersonErasedEvent.class })
			.flatMap(Stream::of)
			.flatMap(PublishedLanguageTest::records);
	}

	/** An event type, or the event records a sealed sub-interface permits. */
	private static Stream<Class<?>> records(Class<?> type) {
		return type.isInterface() ? Stream.of(type.getPermittedSubclasses()).flatMap(PublishedLanguageTest::records)
				: Stream.of(type);
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
	void asyncApiDocumentListsEveryTypeOnItsTopic(Class<?> event) throws IOException {
		String type = EventSchemas.typeOf(event);
		String topic = event.getAnnotation(EventType.class).topic();
		JsonNode asyncApi = asyncApi();
		String message = null;
		for (Map.Entry<String, JsonNode> entry : asyncApi.path("components").path("messages").properties()) {
			if (type.equals(entry.getValue().path("name").asString())) {
				message = entry.getKey();
				assertThat(entry.getValue().path("payload").path("$ref").asString())
					.isEqualTo("schemas/" + type + ".json");
			}
		}
		assertThat(message).as("components.messages entry named " + type).isNotNull();
		boolean onItsChannel = false;
		for (JsonNode channel : asyncApi.path("channels")) {
			if (topic.equals(channel.path("address").asString())) {
				onItsChannel = channel.path("messages")
					.path(message)
					.path("$ref")
					.asString()
					.equals("#/components/messages/" + message);
			}
		}
		assertThat(onItsChannel).as(type + " listed on the channel of " + topic).isTrue();
	}

	private static JsonNode asyncApi() throws IOException {
		try (InputStream in = PublishedLanguageTest.class.getResourceAsStream("/asyncapi.yaml")) {
			return new YAMLMapper().readTree(in);
		}
	}

	@ParameterizedTest
	@MethodSource("events")
	void schemaRejectsAPayloadMissingARequiredField(Class<?> event) {
		String type = EventSchemas.typeOf(event);
		assertThat(EventSchemas.errors(type, "{}")).isNotEmpty();
	}

}
