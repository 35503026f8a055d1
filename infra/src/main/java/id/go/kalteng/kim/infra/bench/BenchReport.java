package id.go.kalteng.kim.infra.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import id.go.kalteng.kim.infra.bench.BenchResult.Row;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result as the table {@code ./kim bench} prints and as JSON for comparing commits.
 */
final class BenchReport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BenchReport() {
	}

	static String table(BenchResult result) {
		StringBuilder out = new StringBuilder();
		out.append("KIM benchmark ")
			.append(result.startedAt())
			.append(" against ")
			.append(result.target())
			.append('\n')
			.append("size: ")
			.append(result.groups())
			.append(" groups x ")
			.append(result.members())
			.append(" members = ")
			.append(String.format(Locale.ROOT, "%,d", result.groups() * result.members()))
			.append(" joins; P1/P2 SMS broadcast to ")
			.append(String.format(Locale.ROOT, "%,d", result.broadcastGroups() * result.members()))
			.append(", P3 WhatsApp broadcast to ")
			.append(String.format(Locale.ROOT, "%,d", result.pacingGroups() * result.members()))
			.append((result.largeGroups() > 0)
					? String.format(Locale.ROOT, ", large broadcast to %,d", result.largeGroups() * result.members())
					: "")
			.append("\n\n");
		String format = "%-32s %14s %14s %-14s %8s  %s%n";
		out.append(String.format(Locale.ROOT, format, "measure", "platform", "raw limit", "unit", "ratio", "how"));
		for (Row row : result.rows()) {
			out.append(String.format(Locale.ROOT, format, row.name(), number(row.platform()), number(row.baseline()),
					row.unit(), percent(row.ratio()), row.note()));
		}
		return out.toString();
	}

	static String json(BenchResult result) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("startedAt", result.startedAt());
		root.put("target", result.target());
		root.put("groups", result.groups());
		root.put("members", result.members());
		root.put("joins", result.groups() * result.members());
		root.put("broadcastGroups", result.broadcastGroups());
		root.put("recipients", result.broadcastGroups() * result.members());
		root.put("pacingRecipients", result.pacingGroups() * result.members());
		root.put("largeRecipients", result.largeGroups() * result.members());
		Map<String, Object> rows = new LinkedHashMap<>();
		for (Row row : result.rows()) {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("platform", row.platform());
			fields.put("baseline", row.baseline());
			fields.put("unit", row.unit());
			fields.put("ratio", row.ratio());
			fields.put("note", row.note());
			fields.put("raw", row.raw());
			rows.put(row.name(), fields);
		}
		root.put("results", rows);
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
	}

	static String number(Double value) {
		if (value == null) {
			return "-";
		}
		return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
	}

	static String percent(Double ratio) {
		return (ratio == null) ? "-" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
	}

}
