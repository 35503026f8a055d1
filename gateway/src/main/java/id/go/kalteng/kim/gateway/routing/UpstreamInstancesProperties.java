package id.go.kalteng.kim.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The instances of each upstream service when it runs more than once
 * ({@code kim.gateway.instances.<service>}, comma-separated base URLs, e.g.
 * {@code KIM_GROUP_SERVICE_INSTANCES=http://localhost:8081,http://localhost:9081}; empty:
 * one instance, the route's URL). The route's URL must be one of them.
 *
 * @param instances base URLs (scheme, host, port) per service name
 */
@ConfigurationProperties("kim.gateway")
public record UpstreamInstancesProperties(Map<String, List<URI>> instances) {

	public UpstreamInstancesProperties {
		instances = (instances != null) ? Map.copyOf(instances) : Map.of();
	}

}
