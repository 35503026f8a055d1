package id.go.kalteng.kim.support.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupUpdatedEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.InboundEvent;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/**
 * A minimal service for testing the shared parts: an aggregate that records an event, and
 * a consumer whose projection counts registrations with a non-idempotent increment and
 * lists the names in the order it applied them, so a duplicate or a reordering that got
 * through would show. Registrations named {@code poison…} fail with an unclassified
 * error, {@code invalid…} with one that can never succeed, {@code transient-for-<n>-…}
 * with a database outage for its first n attempts, and those in {@link #BROKEN} until a
 * test "fixes" them. Updates count on the aggregate through {@code changeOnce}.
 */
@SpringBootApplication
public class SupportTestApplication {

	static final String PROJECTION = "registrations_per_kabupaten";

	/** Names whose registration fails until a test removes them (a fix deployed). */
	public static final Set<String> BROKEN = ConcurrentHashMap.newKeySet();

	/** How often the consumer was handed each registration, by name. */
	public static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

	private static final String TRANSIENT = "transient-for-";

	@Bean
	RecordedCommands recordedCommands() {
		return new RecordedCommands();
	}

	@Bean
	MongoClientSettingsBuilderCustomizer recordCommands(RecordedCommands commands) {
		return (settings) -> settings.addCommandListener(commands);
	}

	@Bean
	Consumer<Message<byte[]>> onGroupEvent(ProcessedEvents processed, JsonMapper json, MeterRegistry meters,
			MongoTemplate mongo, AggregateStore store) {
		EventDispatcher dispatcher = EventDispatcher.builder("support-test", processed, json, meters)
			.on(GroupRegisteredEvent.class, (GroupRegisteredEvent event) -> {
				ATTEMPTS.computeIfAbsent(event.name(), (name) -> new AtomicInteger()).incrementAndGet();
				if (event.name().startsWith("poison")) {
					throw new IllegalStateException("cannot project " + event.groupId());
				}
				if (event.name().startsWith("invalid") || BROKEN.contains(event.name())) {
					throw new IllegalArgumentException("cannot project " + event.name());
				}
				if (event.name().startsWith(TRANSIENT) && ATTEMPTS.get(event.name()).get() <= Integer
					.parseInt(event.name().substring(TRANSIENT.length()).split("-")[0])) {
					throw new DataAccessResourceFailureException("the database is away");
				}
				mongo.upsert(Query.query(Criteria.where("_id").is(event.kabupaten())),
						new Update().inc("count", 1).push("names", event.name()), PROJECTION);
			})
			.on(GroupUpdatedEvent.class,
					(GroupUpdatedEvent event, InboundEvent inbound) -> store.changeOnce(inbound, event.groupId(),
							TestGroup.class, TestGroup::countUpdate))
			.build();
		return dispatcher::dispatch;
	}

	/** A stand-in aggregate. */
	@Document("test_groups")
	static class TestGroup extends AggregateRoot {

		private String name;

		private String kabupaten;

		private int updatesSeen;

		@PersistenceCreator
		TestGroup(String id, String name, String kabupaten) {
			super(id);
			this.name = name;
			this.kabupaten = kabupaten;
		}

		static TestGroup register(String id, String name, String kabupaten) {
			TestGroup group = new TestGroup(id, name, kabupaten);
			group.record(new GroupRegisteredEvent(id, name, kabupaten, "Jekan Raya", "Menteng", "PERKOTAAN", "FORMING",
					Instant.parse("2026-11-28T09:00:00Z")));
			return group;
		}

		void rename(String name) {
			this.name = name;
		}

		/**
		 * Renames and announces it, so a test can follow one aggregate's events in order.
		 */
		void renameAndAnnounce(String name) {
			this.name = name;
			record(new GroupUpdatedEvent(getId(), this.kabupaten, name, "Jekan Raya", "Menteng", "PERKOTAAN", null,
					null, null, Instant.parse("2026-11-28T10:00:00Z")));
		}

		void forgetKabupaten() {
			this.kabupaten = null;
		}

		/** A change that is not idempotent by itself, for {@code changeOnce}. */
		boolean countUpdate() {
			this.updatesSeen++;
			return true;
		}

		String name() {
			return this.name;
		}

	}

}
