package id.go.kalteng.kim.stream.publiclog;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A record of the public log as agencies receive it over SSE and webhooks: a CloudEvent
 * in structured JSON mode ({@code specversion}, {@code id}, {@code type}, {@code time},
 * {@code kabupaten}, {@code data}, ...).
 */
public final class PublicEvents {

	private PublicEvents() {
	}

	public static ObjectNode cloudEvent(JsonMapper json, ConsumerRecord<String, byte[]> record) {
		ObjectNode event = json.createObjectNode();
		event.put("specversion", "1.0");
		event.put("id", header(record, "ce_id"));
		event.put("source", header(record, "ce_source"));
		event.put("type", header(record, "ce_type"));
		event.put("time", header(record, "ce_time"));
		event.put("kabupaten", header(record, "ce_kabupaten"));
		event.put("datacontenttype", "application/json");
		event.set("data", json.readTree(record.value()));
		return event;
	}

	public static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
