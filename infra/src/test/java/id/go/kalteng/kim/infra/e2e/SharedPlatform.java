package id.go.kalteng.kim.infra.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform as separate processes, started by {@code ./kim up} once per test JVM
 * (ports +10000, a temporary {@code KIM_HOME}) and shared by every end-to-end test class
 * that asks for it; {@code ./kim down} runs when the JVM's tests are done. Ask for it as
 * a parameter of a {@code @BeforeAll} method of a class extended with {@link Resolver}.
 */
final class SharedPlatform implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SharedPlatform.class);

	/**
	 * What PlatformObservabilityIT looks at: every new trace recorded, the slow gauges
	 * every 5 s, each provider call logged (ids only) in its trace.
	 */
	static final Map<String, String> OBSERVED = Map.of("KIM_TRACING_SAMPLING", "1.0", "KIM_METRICS_REFRESH_INTERVAL",
			"5s", "LOGGING_LEVEL_KIM_SENDS", "DEBUG");

	private final KimLauncher launcher;

	private final KimLauncher.Result up;

	private SharedPlatform(KimLauncher launcher, KimLauncher.Result up) {
		this.launcher = launcher;
		this.up = up;
	}

	private static SharedPlatform start() {
		try {
			// -Dkim.e2e.port-offset: another offset when two test platforms share a
			// machine
			KimLauncher launcher = new KimLauncher(Files.createTempDirectory("kim-e2e"),
					Integer.getInteger("kim.e2e.port-offset", 10000));
			Instant started = Instant.now();
			KimLauncher.Result up = launcher.run(Duration.ofMinutes(8), OBSERVED, "up");
			log.info("Platform up in {} s; state and logs in {}", Duration.between(started, Instant.now()).toSeconds(),
					launcher.home());
			return new SharedPlatform(launcher, up);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the platform", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the platform", ex);
		}
	}

	/**
	 * The launcher's answer to {@code up}; every test fails on a platform that did not
	 * start.
	 */
	KimLauncher.Result up() {
		return this.up;
	}

	KimLauncher launcher() {
		return this.launcher;
	}

	Path home() {
		return this.launcher.home();
	}

	PublicApi api() {
		return new PublicApi(this.launcher.url("KIM_GATEWAY_PORT"), this.launcher.url("KIM_AUTH_PORT"));
	}

	/**
	 * Stops what {@code up} started, even after a failed start, and checks nothing is
	 * left.
	 */
	@Override
	public void close() throws Exception {
		KimLauncher.Result down = this.launcher.run(Duration.ofMinutes(3), "down");
		assertThat(down.succeeded()).as(down.output()).isTrue();
		assertThat(this.launcher.leftovers()).isEmpty();
	}

	/**
	 * Resolves a {@link SharedPlatform} parameter, starting the platform on first use.
	 */
	static final class Resolver implements ParameterResolver {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
			.create(SharedPlatform.class);

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == SharedPlatform.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			SharedPlatform platform = context.getRoot()
				.getStore(NAMESPACE)
				.computeIfAbsent(SharedPlatform.class, (key) -> start(), SharedPlatform.class);
			assertThat(platform.up().succeeded()).as(platform.up().output()).isTrue();
			return platform;
		}

	}

}
