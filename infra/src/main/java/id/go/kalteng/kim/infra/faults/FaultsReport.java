package id.go.kalteng.kim.infra.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The table {@code ./kim faults} prints and the JSON it writes. */
final class FaultsReport {

	private FaultsReport() {
	}

	static String table(List<ScenarioResult> results, boolean quick) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%-3s %-52s %-16s %8s %9s %5s %-14s %9s  %s%n", "#", "scenario", "fault",
				"accepted", "delivered", "lost", "duplicated", "recover", "result"));
		for (ScenarioResult result : results) {
			Tally tally = result.tally();
			String duplicated = (tally == null) ? "-" : tally.duplicated()
					+ ((tally.allowedDuplicates() > 0) ? " (" + tally.allowedDuplicates() + " in flight)" : "");
			out.append(String.format(Locale.ROOT, "%-3d %-52s %-16s %8s %9s %5s %-14s %9s  %s%n", result.number(),
					result.name(), result.outage(), (tally == null) ? "-" : String.valueOf(result.accepted()),
					(tally == null) ? "-" : String.valueOf(tally.delivered()),
					(tally == null) ? "-" : String.valueOf(tally.lost()), duplicated,
					(result.recoverySeconds() == null) ? "-"
							: String.format(Locale.ROOT, "%.1f s", result.recoverySeconds()),
					result.passed() ? "ok" : "FAILED"));
		}
		out.append(String.format("%n"));
		for (ScenarioResult result : results) {
			List<String> lines = new ArrayList<>();
			if (result.error() != null) {
				lines.add("did not run to its end: " + result.error());
			}
			Tally tally = result.tally();
			if (tally != null) {
				if (result.accepted() != tally.intended()) {
					lines.add("the platform accepted " + result.accepted() + " recipients of the " + tally.intended()
							+ " imported");
				}
				if (tally.lost() > 0) {
					lines.add(tally.lost() + " lost, e.g. " + String.join(", ", tally.lostExamples()));
				}
				if (tally.duplicated() > 0) {
					lines.add(tally.duplicated() + " duplicated, " + tally.allowedDuplicates()
							+ " of them allowed (first send in flight at a kill, provider without idempotency keys)");
				}
				if (tally.wrongChannel() > 0) {
					lines.add(tally.wrongChannel() + " recipients got a message on a channel they should not have");
				}
				if (tally.unexpected() > 0) {
					lines.add(tally.unexpected() + " messages to numbers of the range that were not intended");
				}
			}
			lines.addAll(result.problems());
			lines.addAll(result.notes());
			for (String line : lines) {
				out.append(String.format(Locale.ROOT, "  %d: %s%n", result.number(), line));
			}
		}
		long failed = results.stream().filter((result) -> !result.passed()).count();
		out.append(String.format("%n%s: %d scenario(s), %d failed%s%n", (failed == 0) ? "PASSED" : "FAILED",
				results.size(), failed, quick ? " (--quick: shorter outages, see the fault column)" : ""));
		return out.toString();
	}

	static String json(List<ScenarioResult> results, boolean quick, String startedAt) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("startedAt", startedAt);
		root.put("quick", quick);
		root.put("passed", results.stream().allMatch(ScenarioResult::passed));
		List<Map<String, Object>> scenarios = new ArrayList<>();
		for (ScenarioResult result : results) {
			Map<String, Object> scenario = new LinkedHashMap<>();
			scenario.put("number", result.number());
			scenario.put("name", result.name());
			scenario.put("fault", result.outage());
			scenario.put("accepted", result.accepted());
			scenario.put("tally", result.tally());
			scenario.put("recoverySeconds", result.recoverySeconds());
			scenario.put("problems", result.problems());
			scenario.put("notes", result.notes());
			scenario.put("error", result.error());
			scenario.put("passed", result.passed());
			scenarios.add(scenario);
		}
		root.put("scenarios", scenarios);
		return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root);
	}

}
