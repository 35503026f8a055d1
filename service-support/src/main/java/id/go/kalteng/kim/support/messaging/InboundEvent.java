package id.go.kalteng.kim.support.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A consumed CloudEvent read from the {@code ce_*} headers of a Kafka record (binary
 * mode) and its JSON payload, and the consumer handling it.
 */
public record InboundEvent(String id, String type, String source, String subject, String kabupaten, String time,
		byte[] data, String consumer) {

	/**
	 * Reads the CloudEvents attributes of a consumed message; a record without them is a
	 * poison.
	 */
	public static InboundEvent from(Message<byte[]> message) {
		return from(message, null);
	}

	/** Reads a consumed message on behalf of the named consumer. */
	public static InboundEvent from(Message<byte[]> message, String consumer) {
		MessageHeaders headers = message.getHeaders();
		String id = header(headers, "ce_id");
		String type = header(headers, "ce_type");
		if (id == null || type == null) {
			throw new IllegalArgumentException(
					"not a CloudEvent: ce_id or ce_type header missing; headers " + headers.keySet());
		}
		return new InboundEvent(id, type, header(headers, "ce_source"), header(headers, "ce_subject"),
				header(headers, "ce_kabupaten"), header(headers, "ce_time"), message.getPayload(), consumer);
	}

	/**
	 * The records of a batch-mode binding's message (a list of {@code byte[]} payloads),
	 * each with its own headers (the binder puts them in
	 * {@link KafkaHeaders#BATCH_CONVERTED_HEADERS}).
	 */
	public static List<Message<byte[]>> split(Message<?> batch) {
		if (!(batch.getPayload() instanceof List<?> payloads)) {
			throw new IllegalArgumentException("not a batch: the payload is a " + batch.getPayload().getClass());
		}
		Object converted = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
		List<?> headers = (converted instanceof List<?> list) ? list : List.of();
		List<Message<byte[]>> records = new ArrayList<>(payloads.size());
		for (int i = 0; i < payloads.size(); i++) {
			Map<String, Object> recordHeaders = new HashMap<>();
			if (i < headers.size() && headers.get(i) instanceof Map<?, ?> map) {
				map.forEach((name, value) -> recordHeaders.put(String.valueOf(name), value));
			}
			Object payload = payloads.get(i);
			byte[] bytes = (payload instanceof String text) ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) payload;
			records.add(MessageBuilder.createMessage(bytes, new MessageHeaders(recordHeaders)));
		}
		return records;
	}

	/**
	 * What a consumer writes down to remember it handled this event (the
	 * {@code processed_events} key, and the entry an aggregate keeps when the handler
	 * changes it through {@code AggregateStore.changeOnce}).
	 */
	public String receipt() {
		if (this.consumer == null) {
			throw new IllegalStateException("event " + this.id + " was not read on behalf of a consumer");
		}
		return ProcessedEvents.key(this.consumer, this.id);
	}

	private static String header(MessageHeaders headers, String name) {
		String attribute = name.substring(3);
		Object value = headers.get(name);
		if (value == null) {
			value = headers.get("ce-" + attribute);
		}
		if (value == null) {
			value = headers.get("ce." + attribute);
		}
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return (value != null) ? value.toString() : null;
	}

}
