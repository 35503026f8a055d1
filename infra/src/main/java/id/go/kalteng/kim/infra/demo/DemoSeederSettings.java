package id.go.kalteng.kim.infra.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the seeder finds the platform and who it acts as, read from the environment the
 * launcher sets.
 *
 * @param gateway the public entry, e.g. {@code http://localhost:8080}
 * @param tokenEndpoint the issuer's token endpoint
 * @param clientId the operator the demo data is created by
 * @param clientSecret that operator's secret
 * @param demoDirectory where the seeded marker and the coordinator's group id go
 */
public record DemoSeederSettings(URI gateway, URI tokenEndpoint, String clientId, String clientSecret,
		Path demoDirectory) {

	static DemoSeederSettings fromEnvironment(Map<String, String> env) {
		String home = env.getOrDefault("KIM_HOME", ".kim");
		return new DemoSeederSettings(URI.create(env.getOrDefault("KIM_GATEWAY_URL", "http://localhost:8080")),
				URI.create(env.getOrDefault("KIM_TOKEN_URL", "http://localhost:9000/oauth2/token")),
				env.getOrDefault("KIM_DEMO_CLIENT_ID", "operator-1"),
				env.getOrDefault("KIM_DEMO_CLIENT_SECRET", "kim-demo"),
				Path.of(env.getOrDefault("KIM_DEMO_DIR", home + "/data/demo")));
	}

	Path seededMarker() {
		return this.demoDirectory.resolve("seeded");
	}

	/** The second operator, who approves the demo broadcast (four eyes). */
	String approverId() {
		return "operator-1".equals(this.clientId) ? "operator-2" : "operator-1";
	}

	/**
	 * The sandbox provider's webhook secret, as {@code ./kim} keeps it beside the demo
	 * directory ({@code data/secrets/sandbox-webhook-secret}), unless the environment
	 * gives it.
	 * @param env the environment
	 * @return the secret, or null when there is none
	 */
	String sandboxWebhookSecret(Map<String, String> env) {
		String given = env.get("KIM_SANDBOX_WEBHOOK_SECRET");
		if (given != null && !given.isBlank()) {
			return given.strip();
		}
		Path file = this.demoDirectory.toAbsolutePath()
			.getParent()
			.resolve("secrets")
			.resolve("sandbox-webhook-secret");
		try {
			return Files.isReadable(file) ? Files.readString(file).strip() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	Path coordinatorGroupFile() {
		return this.demoDirectory.resolve("coordinator-group");
	}

}
