package id.go.kalteng.kim.infra.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import id.go.kalteng.kim.infra.bench.KimBench;

/**
 * The platform's processes, through the launcher ({@code ./kim start|stop|kill NAME}) in
 * the environment {@code ./kim faults} gave this process (its KIM_HOME and ports).
 */
final class PlatformProcesses {

	private final Path launcher;

	PlatformProcesses(Path launcher) {
		this.launcher = launcher;
	}

	/** Starts them and waits until they are ready. */
	void start(String... names) {
		run("start", names);
	}

	/** SIGTERM, SIGKILL after 60 s. */
	void stop(String... names) {
		run("stop", names);
	}

	/** SIGKILL, as a crash. */
	void kill(String... names) {
		run("kill", names);
	}

	private void run(String action, String... names) {
		List<String> command = new ArrayList<>(List.of("bash", this.launcher.toString(), action));
		command.addAll(List.of(names));
		KimBench.say("./kim " + String.join(" ", command.subList(2, command.size())));
		try {
			Process process = new ProcessBuilder(command).inheritIO().start();
			if (!process.waitFor(8, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("./kim " + action + " " + String.join(" ", names) + " timed out");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("./kim " + action + " " + String.join(" ", names) + " failed (exit "
						+ process.exitValue() + ")");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
