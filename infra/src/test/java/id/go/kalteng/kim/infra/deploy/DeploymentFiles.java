package id.go.kalteng.kim.infra.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files under {@code infra/deploy} as the tests read them, and the metric
 * names the dashboard and the alert rules depend on.
 */
public final class DeploymentFiles {

	/**
	 * Where the files are, from infra's module directory (the tests' working directory).
	 */
	public static final Path ROOT = Path.of("deploy");

	public static final Path COMPOSE = ROOT.resolve("compose/compose.yaml");

	public static final Path COMPOSE_EXAMPLE_ENV = ROOT.resolve("compose/example.env");

	public static final Path ALERTS = ROOT.resolve("prometheus/kim-alerts.yml");

	public static final Path PROMETHEUS = ROOT.resolve("prometheus/prometheus.yml");

	public static final Path DASHBOARD = ROOT.resolve("grafana/dashboards/kim-platform.json");

	public static final Path REALM = ROOT.resolve("keycloak/kim-realm.json");

	public static final Path KUBERNETES = ROOT.resolve("kubernetes");

	/**
	 * The services' series: the platform's own ({@code kim_}) and Boot's HTTP and JVM
	 * meters ({@code up} is Prometheus' own).
	 */
	private static final Pattern METRIC = Pattern.compile("\\b((?:kim|http|jvm)_[a-z0-9_]+)\\b");

	private DeploymentFiles() {
	}

	public static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static JsonNode json(Path file) {
		return JsonMapper.builder().build().readTree(read(file));
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> yaml(Path file) {
		return (Map<String, Object>) new Yaml().load(read(file));
	}

	/** Every document of a multi-document YAML file. */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> yamlDocuments(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(read(file))) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	/** The PromQL expressions of the dashboard's panels. */
	public static List<String> dashboardExpressions() {
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : json(DASHBOARD).path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.path("expr").asString());
			}
		}
		return expressions;
	}

	/** The PromQL expressions of the alert rules. */
	@SuppressWarnings("unchecked")
	public static List<String> alertExpressions() {
		List<String> expressions = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) yaml(ALERTS).get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				expressions.add(String.valueOf(rule.get("expr")));
			}
		}
		return expressions;
	}

	/**
	 * The names of the series the dashboard and the alerts read that the services must
	 * export (as Prometheus names them: {@code _total}, {@code _bucket}, {@code _max}
	 * included).
	 */
	public static Set<String> exportedMetricNames() {
		Set<String> names = new TreeSet<>();
		List<String> expressions = new ArrayList<>(dashboardExpressions());
		expressions.addAll(alertExpressions());
		for (String expression : expressions) {
			Matcher matcher = METRIC.matcher(expression.replaceAll("\"[^\"]*\"", "\"\""));
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

}
