package id.go.kalteng.kim.infra.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * A manifest checked against Kubernetes' API: read into fabric8's model of it (generated
 * from Kubernetes' OpenAPI document), where a value of the wrong type fails to read and a
 * field Kubernetes does not know lands in an object's {@code additionalProperties}, which
 * this then reports with its path. There is no API server here for {@code kubectl
 * --dry-run}, and kubeconform's schemas cannot be downloaded; this is the check that
 * runs.
 */
final class KubernetesSchema {

	private static final Map<String, Class<?>> KINDS = Map.of("apps/v1 Deployment", Deployment.class, "v1 Service",
			Service.class, "v1 ConfigMap", ConfigMap.class, "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class);

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private KubernetesSchema() {
	}

	/**
	 * What Kubernetes would not accept in one manifest document.
	 * @param document the document as YAML reads it
	 * @return each problem with its path (empty when it reads cleanly)
	 */
	static List<String> problems(Map<String, Object> document) {
		String kind = document.get("apiVersion") + " " + document.get("kind");
		Class<?> type = KINDS.get(kind);
		if (type == null) {
			return List.of("not a kind the manifests are expected to hold: " + kind);
		}
		Object model;
		try {
			model = MAPPER.convertValue(document, type);
		}
		catch (IllegalArgumentException ex) {
			return List.of(kind + ": " + ex.getMessage());
		}
		List<String> problems = new ArrayList<>();
		walk(model, kind, problems, new IdentityHashMap<>());
		return problems;
	}

	private static void walk(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
		if (value == null || seen.put(value, Boolean.TRUE) != null) {
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> walk(item, path + "." + key, problems, seen));
			return;
		}
		if (value instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				walk(item, path + "[" + i++ + "]", problems, seen);
			}
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
				continue;
			}
			Object field;
			try {
				field = getter.invoke(value);
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				continue;
			}
			String name = getter.getName().substring(3);
			if (name.equals("AdditionalProperties")) {
				if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
					problems.add(path + ": fields Kubernetes does not know: " + unknown.keySet());
				}
				continue;
			}
			walk(field, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), problems, seen);
		}
	}

}
