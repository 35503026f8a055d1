package id.go.kalteng.kim.infra.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One scrape of a service's {@code /actuator/prometheus} (the text exposition format):
 * the samples, and sums over them. Each service exposes its Micrometer meters there on
 * its own port without a token ({@code /actuator/metrics} is not exposed).
 *
 * @param samples every sample of the scrape, in its order
 */
record PrometheusText(List<Sample> samples) {

	/**
	 * @param name e.g. {@code mongodb_driver_commands_seconds_count}
	 * @param labels label name to value
	 * @param value the sample's value
	 */
	record Sample(String name, Map<String, String> labels, double value) {

	}

	static PrometheusText parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String raw : text.split("\n")) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			Sample sample = sample(line);
			if (sample != null) {
				samples.add(sample);
			}
		}
		return new PrometheusText(List.copyOf(samples));
	}

	private static Sample sample(String line) {
		int brace = line.indexOf('{');
		int space = line.indexOf(' ');
		Map<String, String> labels = new LinkedHashMap<>();
		String name;
		String rest;
		if (brace >= 0 && (space < 0 || brace < space)) {
			name = line.substring(0, brace);
			int at = brace + 1;
			while (at < line.length() && line.charAt(at) != '}') {
				int equals = line.indexOf('=', at);
				if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
					return null;
				}
				String label = line.substring(at, equals).strip();
				StringBuilder value = new StringBuilder();
				int i = equals + 2;
				for (; i < line.length() && line.charAt(i) != '"'; i++) {
					char c = line.charAt(i);
					if (c == '\\' && i + 1 < line.length()) {
						char next = line.charAt(++i);
						value.append((next == 'n') ? '\n' : next);
					}
					else {
						value.append(c);
					}
				}
				labels.put(label, value.toString());
				at = i + 1;
				if (at < line.length() && line.charAt(at) == ',') {
					at++;
				}
			}
			rest = (at < line.length()) ? line.substring(at + 1).strip() : "";
		}
		else if (space > 0) {
			name = line.substring(0, space);
			rest = line.substring(space + 1).strip();
		}
		else {
			return null;
		}
		String number = rest.split("\\s+")[0];
		try {
			return new Sample(name, labels, switch (number) {
				case "+Inf" -> Double.POSITIVE_INFINITY;
				case "-Inf" -> Double.NEGATIVE_INFINITY;
				default -> Double.parseDouble(number);
			});
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Whether any sample has this name. */
	boolean has(String name) {
		return this.samples.stream().anyMatch((s) -> s.name().equals(name));
	}

	/**
	 * The sum of the samples of a name whose labels include every given one, or empty
	 * when no sample has that name; negative values (Micrometer's -1 for "undefined",
	 * e.g. a memory pool without a maximum) do not count.
	 */
	Optional<Double> sum(String name, Map<String, String> where) {
		if (!has(name)) {
			return Optional.empty();
		}
		return Optional.of(this.samples.stream()
			.filter((s) -> s.name().equals(name) && s.labels().entrySet().containsAll(where.entrySet()))
			.mapToDouble(Sample::value)
			.filter((value) -> Double.isFinite(value) && value >= 0)
			.sum());
	}

	/**
	 * Sums of a name's samples per key made from their labels (e.g. command and
	 * collection), in key order.
	 */
	Map<String, Double> sumBy(String name, Function<Map<String, String>, String> key) {
		Map<String, Double> sums = new TreeMap<>();
		for (Sample sample : this.samples) {
			if (sample.name().equals(name) && Double.isFinite(sample.value())) {
				sums.merge(key.apply(sample.labels()), sample.value(), Double::sum);
			}
		}
		return sums;
	}

	/** Each key's increase from {@code before} to {@code after} (keys of after). */
	static Map<String, Double> increase(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> increase = new TreeMap<>();
		after.forEach((key, value) -> increase.put(key, value - before.getOrDefault(key, 0.0)));
		return increase;
	}

}
