package id.go.kalteng.kim.infra.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.security.oauth2.authorizationserver.issuer=http://localhost:9000")
@ActiveProfiles("local")
class AuthServerApplicationTests {

	@TempDir
	static Path dataDirectory;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataFiles(DynamicPropertyRegistry registry) {
		registry.add("KIM_AUTH_DATA_DIR", () -> dataDirectory.resolve("auth").toString());
		registry.add("KIM_DEMO_DIR", () -> dataDirectory.resolve("demo").toString());
	}

	@AfterEach
	void removeDemoGroup() throws IOException {
		Files.deleteIfExists(coordinatorGroupFile());
	}

	@Test
	void agencyTokenCarriesItsRoleAndKabupaten() throws Exception {
		Jwt token = decode(requestToken("agency-6271", "kim-demo").body());

		assertThat(token.getClaimAsStringList("roles")).containsExactly("AGENCY");
		assertThat(token.getClaimAsString("kabupaten")).isEqualTo("62.71");
		assertThat(token.getSubject()).isEqualTo("agency-6271");
		assertThat(token.getClaimAsString("preferred_username")).isEqualTo("agency-6271");
		assertThat(token.getClaimAsString("iss")).isEqualTo("http://localhost:9000");
	}

	@Test
	void operatorTokenCarriesTheOperatorRoleAndNoKabupaten() throws Exception {
		Jwt token = decode(requestToken("operator-2", "kim-demo").body());

		assertThat(token.getClaimAsStringList("roles")).containsExactly("OPERATOR");
		assertThat(token.hasClaim("kabupaten")).isFalse();
		assertThat(token.getExpiresAt()).isAfter(token.getIssuedAt().plusSeconds(55 * 60));
	}

	@Test
	void coordinatorTokenCarriesTheGroupOnlyOnceTheSeederHasWrittenIt() throws Exception {
		Jwt before = decode(requestToken("coordinator-demo", "kim-demo").body());
		Files.createDirectories(coordinatorGroupFile().getParent());
		Files.writeString(coordinatorGroupFile(), "6650a1f2c3d4e5f6a7b8c9d0\n");
		Jwt after = decode(requestToken("coordinator-demo", "kim-demo").body());

		assertThat(before.getClaimAsStringList("roles")).containsExactly("COORDINATOR");
		assertThat(before.hasClaim("group")).isFalse();
		assertThat(after.getClaimAsString("group")).isEqualTo("6650a1f2c3d4e5f6a7b8c9d0");
	}

	@Test
	void wrongSecretGetsNoToken() throws Exception {
		HttpResponse<String> response = requestToken("agency-6271", "not-the-secret");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("invalid_client").doesNotContain("access_token");
	}

	@Test
	void unknownClientGetsNoToken() throws Exception {
		assertThat(requestToken("agency-9999", "kim-demo").statusCode()).isEqualTo(401);
	}

	@Test
	void healthIsOpenAndAnythingElseOutsideTheProtocolIsClosed() throws Exception {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("/.well-known/openid-configuration").body()).contains("\"issuer\":\"http://localhost:9000\"");
		assertThat(get("/actuator/env").statusCode()).isIn(401, 403);
	}

	@Test
	void signingKeyIsKeptInTheDataDirectory() {
		assertThat(dataDirectory.resolve("auth/signing-key.json")).isRegularFile();
	}

	private HttpResponse<String> requestToken(String clientId, String secret) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(uri("/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), BodyHandlers.ofString());
	}

	private Jwt decode(String tokenResponse) {
		String accessToken = JsonMapper.builder().build().readTree(tokenResponse).get("access_token").asString();
		return NimbusJwtDecoder.withJwkSetUri(uri("/oauth2/jwks").toString()).build().decode(accessToken);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static Path coordinatorGroupFile() {
		return dataDirectory.resolve("demo/coordinator-group");
	}

}
