package id.go.kalteng.kim.infra.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./kim} the way a developer does, but with its own state directory and every
 * port shifted, so a test platform never meets the one a developer may be running.
 */
final class KimLauncher {

	private static final Map<String, Integer> BASE_PORTS = Map.ofEntries(Map.entry("KIM_GATEWAY_PORT", 8080),
			Map.entry("KIM_GROUP_PORT", 8081), Map.entry("KIM_ACTIVITY_PORT", 8082),
			Map.entry("KIM_DISSEMINATION_PORT", 8083), Map.entry("KIM_NOTIFICATION_PORT", 8084),
			Map.entry("KIM_STREAM_PORT", 8085), Map.entry("KIM_CONSOLE_PORT", 8086), Map.entry("KIM_AUTH_PORT", 9000),
			Map.entry("KIM_KAFKA_PORT", 9092), Map.entry("KIM_KAFKA_CONTROLLER_PORT", 9093),
			Map.entry("KIM_KAFKA_AGENCY_PORT", 9094), Map.entry("KIM_MONGODB_PORT", 27017));

	private final Path root;

	private final Path home;

	private final int portOffset;

	KimLauncher(Path home, int portOffset) {
		this.root = Path.of(System.getProperty("kim.root", "..")).toAbsolutePath().normalize();
		this.home = home.toAbsolutePath();
		this.portOffset = portOffset;
	}

	int port(String variable) {
		return BASE_PORTS.get(variable) + this.portOffset;
	}

	String url(String portVariable) {
		return "http://localhost:" + port(portVariable);
	}

	Path home() {
		return this.home;
	}

	Result run(Duration timeout, String... arguments) throws IOException, InterruptedException {
		return run(timeout, Map.of(), arguments);
	}

	/**
	 * Runs {@code ./kim} with variables of the caller's choosing on top of this
	 * launcher's (its state directory and ports win).
	 */
	Result run(Duration timeout, Map<String, String> extraEnvironment, String... arguments)
			throws IOException, InterruptedException {
		Path output = Files.createTempFile("kim-launcher", ".log");
		ProcessBuilder builder = new ProcessBuilder(command(arguments)).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		Map<String, String> environment = builder.environment();
		// whatever points a developer's shell at other infrastructure must not leak in
		environment.keySet().removeIf((name) -> name.startsWith("KIM_"));
		environment.putAll(extraEnvironment);
		environment.put("KIM_HOME", this.home.toString());
		// the reactor has just built the jars this test runs; no nested Maven build
		environment.put("KIM_SKIP_BUILD", "true");
		// the authorization matrix makes its data as fast as one client can; the rate
		// limit
		// itself is GatewayRoutingTests' subject
		environment.put("KIM_GATEWAY_RATE_LIMIT_RPS", "1000");
		BASE_PORTS.keySet().forEach((variable) -> environment.put(variable, Integer.toString(port(variable))));
		Process process = builder.start();
		boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!finished) {
			process.destroyForcibly();
		}
		String text = Files.readString(output, StandardCharsets.UTF_8);
		Files.delete(output);
		return new Result(finished ? process.exitValue() : -1, text);
	}

	/**
	 * Processes of this launcher's platform still alive, found by the marker every one of
	 * them carries on its command line.
	 * @return what is left, as command lines
	 */
	List<String> leftovers() {
		String marker = "-Dkim.home=" + this.home + " ";
		return ProcessHandle.allProcesses()
			.filter(ProcessHandle::isAlive)
			.map((process) -> process.info().commandLine().orElse(""))
			.filter((commandLine) -> commandLine.contains(marker))
			.toList();
	}

	private List<String> command(String... arguments) {
		List<String> command = new java.util.ArrayList<>(List.of("bash", this.root.resolve("kim").toString()));
		command.addAll(List.of(arguments));
		return command;
	}

	record Result(int exitCode, String output) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

	}

}
