package id.go.kalteng.kim.infra.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./kim faults --quick} as a developer runs it (issue #13): its own platform, the
 * quick scenarios against a provider stub, a table and a JSON file, exit 0 only when no
 * scenario lost or doubled a message. Part of {@code ./mvnw verify}; the full suite is
 * not.
 */
class FaultsQuickIT {

	@Test
	void quickSuiteLosesAndDoublesNothing() throws Exception {
		Path home = Files.createTempDirectory("kim-faults-it");
		Path json = home.resolve("faults.json");
		KimLauncher launcher = new KimLauncher(home, 5000);
		// below the ephemeral ports (32768 and up): a restarted service must get its port
		// back
		KimLauncher.Result run = launcher.run(Duration.ofMinutes(25), Map.of("KIM_FAULTS_PORT_SHIFT", "5000"), "faults",
				"--quick", "--out", json.toString());
		assertThat(run.output()).contains("PASSED");
		assertThat(run.succeeded()).as(run.output()).isTrue();
		JsonNode result = JsonMapper.builder().build().readTree(Files.readString(json));
		assertThat(result.path("passed").asBoolean()).isTrue();
		assertThat(result.path("scenarios").valueStream().map((scenario) -> scenario.path("number").asInt()).toList())
			.isEqualTo(List.of(1, 2, 7, 8));
		for (JsonNode scenario : result.path("scenarios")) {
			JsonNode tally = scenario.path("tally");
			assertThat(tally.path("intended").asInt()).as(scenario.toString()).isGreaterThanOrEqualTo(2000);
			assertThat(tally.path("delivered").asInt()).as(scenario.toString())
				.isEqualTo(tally.path("intended").asInt());
			assertThat(tally.path("lost").asInt()).as(scenario.toString()).isZero();
		}
		// the suite's platform ran from a KIM_HOME of its own, which up printed
		Matcher own = Pattern.compile("KIM platform is up \\(KIM_HOME=([^)]+)\\)").matcher(run.output());
		assertThat(own.find()).as(run.output()).isTrue();
		String marker = "-Dkim.home=" + own.group(1) + " ";
		assertThat(ProcessHandle.allProcesses()
			.filter(ProcessHandle::isAlive)
			.map((process) -> process.info().commandLine().orElse(""))
			.filter((commandLine) -> commandLine.contains(marker))
			.toList()).isEmpty();
	}

}
