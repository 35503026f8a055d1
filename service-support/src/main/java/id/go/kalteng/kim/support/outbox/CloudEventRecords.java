package id.go.kalteng.kim.support.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.support.observability.TraceContexts;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Maps an outbox entry to a Kafka record in CloudEvents 1.0 binary mode ({@code ce_*}
 * headers, extension {@code ce_kabupaten}), keyed by aggregate id so one aggregate's
 * events stay in order. The trace context it was recorded in goes along as the
 * distributed-tracing extension ({@code ce_traceparent}) and as the plain W3C
 * {@code traceparent} header Kafka instrumentation reads.
 */
public final class CloudEventRecords {

	/** The CloudEvents extension carrying the kabupaten code. */
	public static final String KABUPATEN = "kabupaten";

	private CloudEventRecords() {
	}

	public static ProducerRecord<String, byte[]> toRecord(OutboxEvent event, String source) {
		CloudEventBuilder builder = CloudEventBuilder.v1()
			.withId(event.id())
			.withSource(URI.create(source))
			.withType(event.type())
			.withTime(event.time().atOffset(ZoneOffset.UTC))
			.withSubject(event.key())
			.withExtension(KABUPATEN, (event.kabupaten() != null) ? event.kabupaten() : Kabupaten.PROVINCE)
			.withDataContentType("application/json")
			.withData(event.data().getBytes(StandardCharsets.UTF_8));
		if (event.traceparent() != null) {
			builder.withExtension(TraceContexts.TRACEPARENT, event.traceparent());
		}
		ProducerRecord<String, byte[]> record = KafkaMessageFactory
			.<String>createWriter(event.topic(), null, null, event.key())
			.writeBinary(builder.build());
		if (event.traceparent() != null) {
			record.headers().add(TraceContexts.TRACEPARENT, event.traceparent().getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

}
