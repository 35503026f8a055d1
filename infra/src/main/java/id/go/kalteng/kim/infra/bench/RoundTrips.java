package id.go.kalteng.kim.infra.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import id.go.kalteng.kim.infra.bench.BenchResult.Row;

/**
 * Database round trips per message: each service's {@code mongodb.driver.commands} timer
 * (Micrometer's command listener, one count per command the driver sends) read from its
 * own {@code /actuator/prometheus} before approval and once every message is final,
 * divided by the messages delivered. Includes everything the service did in between (the
 * benchmark's own polls of the sandbox count and the progress are a few per second).
 */
final class RoundTrips {

	static final String COMMANDS = "mongodb_driver_commands_seconds_count";

	private static final int SHOWN = 5;

	private RoundTrips() {
	}

	/**
	 * One row per service that reports the timer, then the total.
	 * @param before each service's scrape before (null: it did not answer)
	 * @param after each service's scrape after
	 * @param messages messages delivered in between
	 */
	static List<Row> rows(Map<String, PrometheusText> before, Map<String, PrometheusText> after, long messages) {
		List<Row> rows = new ArrayList<>();
		double total = 0;
		Map<String, Object> perService = new LinkedHashMap<>();
		List<String> silent = new ArrayList<>();
		for (Map.Entry<String, PrometheusText> entry : after.entrySet()) {
			String service = entry.getKey();
			PrometheusText end = entry.getValue();
			PrometheusText start = before.get(service);
			if (end == null || start == null) {
				silent.add(service);
				continue;
			}
			if (!end.has(COMMANDS)) {
				continue;
			}
			Map<String, Double> increase = PrometheusText.increase(start.sumBy(COMMANDS, RoundTrips::key),
					end.sumBy(COMMANDS, RoundTrips::key));
			increase.values().removeIf((count) -> count == 0);
			double commands = increase.values().stream().mapToDouble(Double::doubleValue).sum();
			total += commands;
			perService.put(service, commands);
			rows.add(new Row("DB trips " + service, perMessage(commands, messages), null, "per message", null,
					Math.round(commands) + " commands / " + messages + " messages; " + top(increase, messages),
					KimBench.ordered("commands", commands, "messages", messages, "byCommandAndCollection",
							new LinkedHashMap<>(increase))));
		}
		String unanswered = silent.isEmpty() ? ""
				: "; no /actuator/prometheus answer from " + String.join(", ", silent);
		if (perService.isEmpty()) {
			rows.add(
					Row.notMeasured("DB trips total", "n/a (no service reports mongodb.driver.commands)" + unanswered));
			return rows;
		}
		rows.add(new Row("DB trips total", perMessage(total, messages), null, "per message", null,
				Math.round(total) + " commands / " + messages + " messages, approval -> all final (P2)" + unanswered,
				KimBench.ordered("commands", total, "messages", messages, "byService", perService, "noAnswerFrom",
						silent)));
		return rows;
	}

	/** {@code command collection}, e.g. {@code find notifications}. */
	static String key(Map<String, String> labels) {
		return labels.getOrDefault("command", "?") + " " + labels.getOrDefault("collection", "-");
	}

	static Double perMessage(double commands, long messages) {
		return (messages <= 0) ? null : commands / messages;
	}

	/**
	 * The largest few per message, e.g.
	 * {@code find notifications 11.0, update notifications 2.0}.
	 */
	static String top(Map<String, Double> increase, long messages) {
		if (messages <= 0) {
			return "";
		}
		return increase.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
			.limit(SHOWN)
			.map((entry) -> entry.getKey() + " " + String.format(Locale.ROOT, "%.2f", entry.getValue() / messages))
			.collect(Collectors.joining(", "));
	}

}
