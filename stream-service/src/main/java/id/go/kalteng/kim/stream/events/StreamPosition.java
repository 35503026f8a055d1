package id.go.kalteng.kim.stream.events;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import id.go.kalteng.kim.contracts.Kabupaten;

/**
 * Where a stream stands: for each kabupaten's public topic, the offset of the next record
 * to read. It is the SSE {@code id:} of every event ({@code 62.71:125}, or
 * {@code 62.01:3,62.02:0,...} for a stream of several kabupaten), so a
 * {@code Last-Event-ID} resumes exactly after that event on any instance and after any
 * restart: the position lives in the client, the events in Kafka.
 */
public record StreamPosition(Map<String, Long> next) {

	private static final Pattern ENTRY = Pattern.compile("62\\.[0-9]{2}:[0-9]{1,18}");

	public StreamPosition {
		next = Collections.unmodifiableMap(new TreeMap<>(next));
	}

	/**
	 * Reads a {@code Last-Event-ID}; empty when it is not one this service wrote.
	 */
	public static Optional<StreamPosition> parse(String id) {
		if (id == null || id.isBlank() || id.length() > 400) {
			return Optional.empty();
		}
		Map<String, Long> next = new TreeMap<>();
		for (String entry : id.trim().split(",")) {
			if (!ENTRY.matcher(entry).matches()) {
				return Optional.empty();
			}
			String code = entry.substring(0, entry.indexOf(':'));
			if (!Kabupaten.isKnown(code)
					|| next.put(code, Long.parseLong(entry.substring(code.length() + 1))) != null) {
				return Optional.empty();
			}
		}
		return Optional.of(new StreamPosition(next));
	}

	/** The position after reading the record at {@code offset} of a kabupaten's topic. */
	public StreamPosition after(String kabupaten, long offset) {
		Map<String, Long> moved = new TreeMap<>(this.next);
		moved.put(kabupaten, offset + 1);
		return new StreamPosition(moved);
	}

	/** The SSE id. */
	public String id() {
		return this.next.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ":" + entry.getValue())
			.collect(Collectors.joining(","));
	}

}
