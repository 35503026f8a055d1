package id.go.kalteng.kim.support.observability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import id.go.kalteng.kim.support.outbox.CloudEventRecords;
import id.go.kalteng.kim.support.outbox.OutboxEvent;
import id.go.kalteng.kim.support.outbox.OutboxEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace of a request follows its events through the outbox (recorded now, published
 * later by another thread) and into a batch consumer's handling, which Spring Kafka does
 * not observe by itself.
 */
class TraceContextsTest {

	private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";

	private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static MongoServer server;

	private static MongoClient client;

	private final SdkTracerProvider provider = SdkTracerProvider.builder().build();

	private final io.opentelemetry.api.trace.Tracer otel = this.provider.get("test");

	private final List<String> handledIn = new ArrayList<>();

	private final List<List<String>> batches = new ArrayList<>();

	@BeforeAll
	static void startDatabase() {
		server = new MongoServer(new MemoryBackend());
		client = MongoClients.create(server.bindAndGetConnectionString());
	}

	@AfterAll
	static void stopDatabase() {
		client.close();
		server.shutdownNow();
	}

	@BeforeEach
	void tracing() {
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(this.otel, current, (event) -> {
		}, new OtelBaggageManager(current, List.of(), List.of()));
		OtelPropagator propagator = new OtelPropagator(
				ContextPropagators.create(W3CTraceContextPropagator.getInstance()), this.otel);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new PropagatingReceiverTracingObservationHandler<>(tracer, propagator));
		TraceContexts.use(registry);
	}

	@AfterEach
	void noTracing() {
		TraceContexts.use(null);
		this.provider.close();
	}

	@Test
	void anEventRecordedDuringARequestIsPublishedWithThatRequestsTraceparent() {
		OutboxEvents events = new OutboxEvents(JsonMapper.builder().build(), Clock.systemUTC());
		Span request = this.otel.spanBuilder("POST /api/broadcasts/{id}/approve").startSpan();
		OutboxEvent entry;
		try (Scope scope = request.makeCurrent()) {
			entry = events.toOutbox(new Thing("a"));
		}
		finally {
			request.end();
		}

		// the relay publishes it later, on a thread with no span of its own
		ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(entry, "/kim/test");

		String expected = "00-" + request.getSpanContext().getTraceId() + "-" + request.getSpanContext().getSpanId()
				+ "-01";
		assertThat(entry.traceparent()).isEqualTo(expected);
		assertThat(header(record, "traceparent")).isEqualTo(expected);
		assertThat(header(record, "ce_traceparent")).isEqualTo(expected);
	}

	@Test
	void anEventRecordedOutsideAnyTraceCarriesNoTraceparent() {
		OutboxEvent entry = new OutboxEvents(JsonMapper.builder().build(), Clock.systemUTC()).toOutbox(new Thing("a"));

		ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(entry, "/kim/test");

		assertThat(entry.traceparent()).isNull();
		assertThat(record.headers().lastHeader("traceparent")).isNull();
	}

	@Test
	void aBatchConsumerHandlesEachTracesEventsInThatTrace() {
		EventDispatcher dispatcher = EventDispatcher
			.builder("test", new ProcessedEvents(new MongoTemplate(client, "trace-" + System.nanoTime())),
					JsonMapper.builder().build(), new SimpleMeterRegistry())
			.onBatch(Thing.class, (things) -> {
				this.handledIn.add(Span.current().getSpanContext().getTraceId());
				this.batches.add(things.stream().map(Thing::name).toList());
			})
			.build();

		dispatcher.dispatchAll(List.of(message("e1", "a", TRACE_A), message("e2", "b", TRACE_A),
				message("e3", "c", TRACE_B), message("e4", "d", null)));

		assertThat(this.batches).containsExactly(List.of("a", "b"), List.of("c"), List.of("d"));
		assertThat(this.handledIn.subList(0, 2)).containsExactly(TRACE_A, TRACE_B);
		assertThat(this.handledIn.get(2)).as("a new trace for an event recorded outside any")
			.isNotIn(TRACE_A, TRACE_B, "00000000000000000000000000000000");
		assertThat(Span.current().getSpanContext().isValid()).as("no span left open").isFalse();
	}

	@Test
	void aBatchInAListenerContainersOwnTraceIsHandledInItsEventsTrace() {
		EventDispatcher dispatcher = EventDispatcher
			.builder("test", new ProcessedEvents(new MongoTemplate(client, "trace-" + System.nanoTime())),
					JsonMapper.builder().build(), new SimpleMeterRegistry())
			.onBatch(Thing.class, (things) -> this.handledIn.add(Span.current().getSpanContext().getTraceId()))
			.build();
		Span container = this.otel.spanBuilder("container batch").startSpan();

		try (Scope scope = container.makeCurrent()) {
			dispatcher.dispatchAll(List.of(message("e1", "a", TRACE_A), message("e2", "b", null)));
		}
		finally {
			container.end();
		}

		assertThat(this.handledIn).containsExactly(TRACE_A, container.getSpanContext().getTraceId());
	}

	@Test
	void aRecordConsumerContinuesTheTraceOfItsEvent() {
		EventDispatcher dispatcher = EventDispatcher
			.builder("test", new ProcessedEvents(new MongoTemplate(client, "trace-" + System.nanoTime())),
					JsonMapper.builder().build(), new SimpleMeterRegistry())
			.on(Thing.class, (Thing thing) -> this.handledIn.add(Span.current().getSpanContext().getTraceId()))
			.build();

		dispatcher.dispatch(message("e1", "a", TRACE_B));

		assertThat(this.handledIn).containsExactly(TRACE_B);
	}

	@Test
	void workDoneLaterForAnEventsSubjectContinuesItsTraceWhenItsConsumerIsRemembered() {
		TraceContexts.rememberSubjectsOf("intake", 2);
		EventDispatcher dispatcher = EventDispatcher
			.builder("intake", new ProcessedEvents(new MongoTemplate(client, "trace-" + System.nanoTime())),
					JsonMapper.builder().build(), new SimpleMeterRegistry())
			.onBatch(Thing.class, (things) -> {
			})
			.build();

		dispatcher.dispatchAll(List.of(subjectMessage("e1", "n-1", TRACE_A), subjectMessage("e2", "n-2", TRACE_B),
				subjectMessage("e3", "n-3", TRACE_B)));
		String later = TraceContexts.continued(TraceContexts.recall("n-3"), "kim.provider.send", "send",
				io.micrometer.common.KeyValues.empty(), () -> Span.current().getSpanContext().getTraceId());

		assertThat(later).isEqualTo(TRACE_B);
		assertThat(TraceContexts.recall("n-1")).as("the oldest is forgotten beyond the capacity").isNull();
		assertThat(TraceContexts.traceId(TraceContexts.recall("n-2"))).isEqualTo(TRACE_B);
		TraceContexts.rememberSubjectsOf("nobody", 1);
	}

	@Test
	void theTraceIdIsReadFromATraceparent() {
		assertThat(TraceContexts.traceId("00-" + TRACE_A + "-00f067aa0ba902b7-01")).isEqualTo(TRACE_A);
		assertThat(TraceContexts.traceId("garbage")).isNull();
		assertThat(TraceContexts.traceId(null)).isNull();
	}

	private static Message<byte[]> message(String id, String name, String traceId) {
		MessageBuilder<byte[]> message = MessageBuilder
			.withPayload(("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8))
			.setHeader("ce_id", id)
			.setHeader("ce_type", Thing.TYPE);
		if (traceId != null) {
			message.setHeader("traceparent",
					("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
		}
		return message.build();
	}

	private static Message<byte[]> subjectMessage(String id, String subject, String traceId) {
		return MessageBuilder.fromMessage(message(id, subject, traceId)).setHeader("ce_subject", subject).build();
	}

	private static String header(ProducerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	@EventType(value = Thing.TYPE, topic = "kim.test")
	record Thing(String name) implements KimEvent {

		static final String TYPE = "kim.test.thing.v1";

		@Override
		public String aggregateId() {
			return this.name;
		}

		@Override
		public String kabupaten() {
			return "62";
		}

	}

}
