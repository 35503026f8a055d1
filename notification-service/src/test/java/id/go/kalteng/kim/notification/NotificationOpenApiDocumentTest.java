package id.go.kalteng.kim.notification;

import id.go.kalteng.kim.support.test.OpenApiDocumentRules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document clients are generated from (the gateway merges it with the
 * others), in the local profile so the sandbox's endpoints are in it too; a copy lands in
 * {@code target/openapi/notification-service.json} for {@code redocly lint}.
 */
class NotificationOpenApiDocumentTest extends NotificationIntegrationTest {

	@Test
	void theDocumentIsUsableForClientGeneration() throws Exception {
		JsonNode document = OpenApiDocumentRules.fetch(this.mvc, "notification-service");

		OpenApiDocumentRules.assertUsable(document);
		assertThat(document.at("/paths/~1webhooks~1sms~1sandbox/post/security").isEmpty())
			.as("the provider's webhook is signed, not bearer-secured")
			.isTrue();
	}

}
