package id.go.kalteng.kim.infra.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./kim bench --own} starts a whole platform (about a minute) before it measures;
 * an option it does not know must end the run before that, not after.
 */
class BenchLauncherIT {

	@Test
	void aMistypedOptionIsRefusedBeforeTheBenchmarksOwnPlatformStarts() throws Exception {
		Path scratch = Files.createTempDirectory("kim-bench-it");
		KimLauncher launcher = new KimLauncher(scratch.resolve("home"), 20000);

		KimLauncher.Result run = launcher.run(Duration.ofMinutes(1), Map.of("TMPDIR", scratch.toString()), "bench",
				"--own", "--large", "--json", "out.json");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
		assertThat(run.output()).contains("unknown option --json").doesNotContain("Starting");
		try (Stream<Path> made = Files.list(scratch)) {
			assertThat(made).noneMatch((path) -> path.getFileName().toString().startsWith("kim-bench."));
		}
		assertThat(launcher.leftovers()).isEmpty();
	}

	@Test
	void knownOptionsPassTheCheck() throws Exception {
		Path scratch = Files.createTempDirectory("kim-bench-it");
		KimLauncher launcher = new KimLauncher(scratch.resolve("home"), 20000);

		// the check alone: the same class ./kim bench --own asks before it starts
		// anything
		KimLauncher.Result run = launcher.run(Duration.ofMinutes(1), Map.of(), "bench", "--check", "--small",
				"--groups", "12", "--out", "x.json");

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).doesNotContain("kim bench");
	}

}
