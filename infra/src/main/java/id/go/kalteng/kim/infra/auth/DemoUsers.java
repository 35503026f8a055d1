package id.go.kalteng.kim.infra.auth;

import java.util.List;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The people who may sign in to the console on a developer's machine: each demo user is a
 * configured client of the same name ({@code kim.auth.users}), signs in with the demo
 * secret as password, and gets the same subject, roles and claims in its tokens
 * ({@link ClientClaimsCustomizer}). The secret is the published one only on loopback
 * ({@link ConfiguredClients#requireUnpublishedBeyondLoopback}).
 */
@Component
class DemoUsers implements UserDetailsService {

	private final List<String> users;

	private final String password;

	DemoUsers(AuthServerProperties properties, ConfiguredClients clients, PasswordEncoder encoder) {
		properties.users()
			.forEach((user) -> Assert.state(clients.find(user).isPresent(),
					"kim.auth.users names " + user + ", which is not a configured client"));
		this.users = List.copyOf(properties.users());
		this.password = (properties.clientSecret() != null) ? encoder.encode(properties.clientSecret()) : null;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		if (this.password == null || !this.users.contains(username)) {
			throw new UsernameNotFoundException("no such user");
		}
		return User.withUsername(username).password(this.password).roles("USER").build();
	}

}
