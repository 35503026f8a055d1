package id.go.kalteng.kim.console.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The signed-in user's access token, to relay to the gateway: the console acts as the
 * user, never as itself, so the API scopes every answer by the user's role. The token
 * stays on the server; the browser only holds the console's session cookie.
 */
@Component
public class AccessTokens {

	private final OAuth2AuthorizedClientManager clients;

	AccessTokens(OAuth2AuthorizedClientManager clients) {
		this.clients = clients;
	}

	/** The current request's user's access token. */
	public String current() {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		if (user == null) {
			throw new ApiProblem(401, "not signed in", null, List.of());
		}
		OAuth2AuthorizeRequest.Builder request = OAuth2AuthorizeRequest.withClientRegistrationId("kim").principal(user);
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			request.attribute(HttpServletRequest.class.getName(), attributes.getRequest());
			if (attributes.getResponse() != null) {
				request.attribute(HttpServletResponse.class.getName(), attributes.getResponse());
			}
		}
		OAuth2AuthorizedClient client = this.clients.authorize(request.build());
		if (client == null) {
			throw new ApiProblem(401, "not signed in", null, List.of());
		}
		return client.getAccessToken().getTokenValue();
	}

}
