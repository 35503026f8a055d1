package id.go.kalteng.kim.infra.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files validate: compose with {@code docker-compose config} and the alert
 * rules with {@code promtool check rules} (Debian's docker-compose and prometheus
 * packages, which {@code .ci/run} installs; without them only the structural checks below
 * run, and the log says so), the dashboard and realm export parse, and the Kubernetes
 * manifests hold what a deployment relies on: actuator probes, resource requests, a
 * disruption budget per deployment and no secret value.
 */
class DeploymentFilesTests {

	private static final Logger log = LoggerFactory.getLogger(DeploymentFilesTests.class);

	private static final List<String> SERVICES = List.of("gateway", "group-service", "activity-service",
			"dissemination-service", "notification-service", "stream-service");

	private static final Pattern SECRET_NAME = Pattern
		.compile(".*(SECRET|TOKEN|PASSWORD|PASSKEY|USERKEY|API_KEY|HASH_KEY).*");

	@Test
	void composeFileValidatesAndRunsTheWholePlatform() throws Exception {
		Map<String, Object> compose = DeploymentFiles.yaml(DeploymentFiles.COMPOSE);
		@SuppressWarnings("unchecked")
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "mongo-1", "mongo-2", "mongo-3",
				"mongo-init", "keycloak", "prometheus", "grafana");
		assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
		String text = DeploymentFiles.read(DeploymentFiles.COMPOSE);
		assertThat(text).contains("KAFKA_MIN_INSYNC_REPLICAS: 2", "KAFKA_DEFAULT_REPLICATION_FACTOR: 3", "--replSet",
				"replicaSet=rs0", "--import-realm");
		Optional<Path> tool = onPath("docker-compose");
		if (tool.isEmpty()) {
			log.warn("docker-compose is not installed: compose.yaml checked structurally only (.ci/run installs it)");
			return;
		}
		Run valid = run(tool.get().toString(), "-f", DeploymentFiles.COMPOSE.toString(), "--env-file",
				DeploymentFiles.COMPOSE_EXAMPLE_ENV.toString(), "config", "-q");
		assertThat(valid.exitCode()).as(valid.output()).isZero();
		Path empty = Files.createTempFile("kim-compose", ".env");
		try {
			Run withoutSecrets = run(tool.get().toString(), "-f", DeploymentFiles.COMPOSE.toString(), "--env-file",
					empty.toString(), "config", "-q");
			assertThat(withoutSecrets.exitCode()).as("compose must refuse to run without the secrets").isNotZero();
			assertThat(withoutSecrets.output()).contains("KIM_");
		}
		finally {
			Files.delete(empty);
		}
	}

	@Test
	void alertRulesAndPrometheusConfigurationValidate() throws Exception {
		List<String> expressions = DeploymentFiles.alertExpressions();
		assertThat(expressions).hasSizeGreaterThanOrEqualTo(5);
		String rules = DeploymentFiles.read(DeploymentFiles.ALERTS);
		assertThat(rules).contains("KimServiceDown", "KimDeadLettersGrowing", "KimOutboxLagging",
				"KimProviderFailureRate", "KimConsumerLag");
		Optional<Path> promtool = onPath("promtool");
		if (promtool.isEmpty()) {
			log.warn("promtool is not installed: the alert rules were checked structurally only (.ci/run installs it)");
			return;
		}
		Run check = run(promtool.get().toString(), "check", "rules", DeploymentFiles.ALERTS.toString());
		assertThat(check.exitCode()).as(check.output()).isZero();
		Run config = run(promtool.get().toString(), "check", "config", "--syntax-only",
				DeploymentFiles.PROMETHEUS.toString());
		assertThat(config.exitCode()).as(config.output()).isZero();
	}

	@Test
	void dashboardParsesAndEveryPanelQueriesPrometheus() {
		JsonNode dashboard = DeploymentFiles.json(DeploymentFiles.DASHBOARD);
		assertThat(dashboard.path("uid").asString()).isEqualTo("kim-platform");
		Set<Integer> ids = new HashSet<>();
		List<String> titles = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
			titles.add(panel.path("title").asString());
			if (!"row".equals(panel.path("type").asString())) {
				assertThat(panel.path("targets").isEmpty()).as(panel.path("title").asString()).isFalse();
			}
		}
		assertThat(titles).contains("Platform overview", "A broadcast in flight");
		assertThat(DeploymentFiles.dashboardExpressions()).allSatisfy((expr) -> assertThat(expr).isNotBlank());
		assertThat(DeploymentFiles.exportedMetricNames()).contains("kim_kafka_consumer_lag", "kim_dead_letters_waiting",
				"kim_outbox_backlog", "kim_provider_latency_seconds_bucket", "kim_groups", "kim_members",
				"kim_broadcasts", "kim_notifications_attempts_total");
	}

	@Test
	void keycloakRealmCarriesTheLocalIssuersRolesAndClaimsAndNoSecret() {
		JsonNode realm = DeploymentFiles.json(DeploymentFiles.REALM);
		Set<String> roles = new TreeSet<>();
		realm.path("roles").path("realm").forEach((role) -> roles.add(role.path("name").asString()));
		// the roles the local issuer grants (infra application.yml, local profile
		// clients)
		Set<String> localRoles = new TreeSet<>();
		java.util.regex.Matcher matcher = Pattern.compile("roles: \\[([A-Z, ]+)]")
			.matcher(DeploymentFiles.read(Path.of("src/main/resources/application.yml")));
		while (matcher.find()) {
			for (String role : matcher.group(1).split(",")) {
				localRoles.add(role.strip());
			}
		}
		assertThat(roles).containsExactlyInAnyOrder("OPERATOR", "AGENCY", "COORDINATOR").containsAll(localRoles);
		Set<String> claims = new TreeSet<>();
		realm.path("clientScopes").get(0).path("protocolMappers").forEach((mapper) -> {
			claims.add(mapper.path("config").path("claim.name").asString());
			assertThat(mapper.path("config").path("access.token.claim").asString()).isEqualTo("true");
		});
		// what ClientClaimsCustomizer puts in a token and KimPrincipal reads
		assertThat(claims).containsExactlyInAnyOrder("roles", "kabupaten", "group");
		assertThat(DeploymentFiles.read(DeploymentFiles.REALM)).doesNotContain("\"secret\"");
		realm.path("clients").forEach((client) -> {
			assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
			assertThat(client.path("defaultClientScopes").toString()).contains("kim");
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void kubernetesManifestsProbeScaleAndKeepSecretsOut() throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Stream<Path> files = Files.list(DeploymentFiles.KUBERNETES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).sorted().toList()) {
				if (!file.getFileName().toString().equals("kustomization.yaml")) {
					documents.addAll(DeploymentFiles.yamlDocuments(file));
				}
			}
		}
		Map<String, Object> kustomization = DeploymentFiles
			.yaml(DeploymentFiles.KUBERNETES.resolve("kustomization.yaml"));
		assertThat((List<String>) kustomization.get("resources")).contains("config.yaml")
			.containsAll(SERVICES.stream().map((s) -> s + ".yaml").toList());
		documents.forEach((doc) -> assertThat(doc).containsKeys("apiVersion", "kind", "metadata"));
		for (String service : SERVICES) {
			Map<String, Object> deployment = find(documents, "Deployment", service);
			Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
			assertThat((Integer) spec.get("replicas")).as(service).isGreaterThanOrEqualTo(2);
			Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) spec.get("selector"))
				.get("matchLabels");
			Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
			Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
			assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
			assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
			assertThat(path(container, "resources", "requests", "memory")).as(service).isNotNull();
			assertThat(path(container, "resources", "requests", "cpu")).as(service).isNotNull();
			assertThat(path(container, "resources", "limits", "memory")).as(service).isNotNull();
			for (Map<String, Object> env : (List<Map<String, Object>>) container.get("env")) {
				if (SECRET_NAME.matcher(String.valueOf(env.get("name"))).matches()) {
					assertThat(env).as(service + " " + env.get("name")).doesNotContainKey("value");
					assertThat(path(env, "valueFrom", "secretKeyRef", "name")).isEqualTo("kim-secrets");
				}
			}
			Map<String, Object> budget = find(documents, "PodDisruptionBudget", service);
			assertThat(path(budget, "spec", "selector", "matchLabels")).isEqualTo(labels);
			Map<String, Object> serviceDoc = find(documents, "Service", service);
			assertThat(path(serviceDoc, "spec", "selector")).isEqualTo(labels);
		}
		Map<String, Object> config = find(documents, "ConfigMap", "kim-config");
		assertThat(((Map<String, Object>) config.get("data")).keySet())
			.noneMatch((name) -> SECRET_NAME.matcher(name).matches());
		assertThat(documents).noneMatch((doc) -> "Secret".equals(doc.get("kind")));
	}

	@Test
	void kubernetesManifestsReadCleanlyIntoKubernetesApiModel() throws IOException {
		List<String> problems = new ArrayList<>();
		int documents = 0;
		try (Stream<Path> files = Files.list(DeploymentFiles.KUBERNETES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).sorted().toList()) {
				if (!file.getFileName().toString().equals("kustomization.yaml")) {
					for (Map<String, Object> document : DeploymentFiles.yamlDocuments(file)) {
						documents++;
						KubernetesSchema.problems(document)
							.forEach((problem) -> problems.add(file.getFileName() + ": " + problem));
					}
				}
			}
		}
		assertThat(documents).isGreaterThanOrEqualTo(SERVICES.size() * 3 + 1);
		assertThat(problems).isEmpty();
	}

	@Test
	@SuppressWarnings("unchecked")
	void theKubernetesCheckFindsAMisspelledFieldAndAWrongType() {
		List<Map<String, Object>> deployments = DeploymentFiles
			.yamlDocuments(DeploymentFiles.KUBERNETES.resolve("group-service.yaml"))
			.stream()
			.filter((doc) -> "Deployment".equals(doc.get("kind")))
			.toList();
		Map<String, Object> deployment = deployments.get(0);
		Map<String, Object> pod = (Map<String, Object>) path(deployment, "spec", "template", "spec");
		Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
		container.put("readinesProbe", container.remove("readinessProbe"));
		assertThat(KubernetesSchema.problems(deployment)).singleElement()
			.asString()
			.contains("containers[0]")
			.contains("readinesProbe");
		((Map<String, Object>) deployment.get("spec")).put("replicas", "dua");
		assertThat(KubernetesSchema.problems(deployment)).singleElement().asString().contains("replicas");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> find(List<Map<String, Object>> documents, String kind, String name) {
		return documents.stream()
			.filter((doc) -> kind.equals(doc.get("kind"))
					&& name.equals(((Map<String, Object>) doc.get("metadata")).get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + name));
	}

	@SuppressWarnings("unchecked")
	private static Object path(Map<String, Object> from, String... keys) {
		Object at = from;
		for (String key : keys) {
			if (!(at instanceof Map<?, ?> map)) {
				return null;
			}
			at = ((Map<String, Object>) map).get(key);
		}
		return at;
	}

	private static Optional<Path> onPath(String tool) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((dir) -> Path.of(dir, tool))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static Run run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String output) {

	}

}
