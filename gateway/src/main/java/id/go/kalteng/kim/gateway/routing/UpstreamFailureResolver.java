package id.go.kalteng.kim.gateway.routing;

import java.io.IOException;
import java.io.UncheckedIOException;

import id.go.kalteng.kim.gateway.security.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers an unreachable or timed-out upstream service with 503 problem+json instead of a
 * bare 500; statuses the upstream itself returns pass through untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UpstreamFailureResolver implements HandlerExceptionResolver {

	private static final Log logger = LogFactory.getLog(UpstreamFailureResolver.class);

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!(ex instanceof ResourceAccessException) || response.isCommitted()) {
			return null;
		}
		logger.warn("Upstream unreachable for " + request.getMethod() + " " + request.getRequestURI() + ": "
				+ ex.getMessage());
		try {
			response.setHeader("Retry-After", "5");
			Problems.write(response, 503, "service-unavailable", "Service Unavailable",
					"The service behind this path is not reachable right now; retry later");
		}
		catch (IOException io) {
			throw new UncheckedIOException(io);
		}
		return new ModelAndView();
	}

}
