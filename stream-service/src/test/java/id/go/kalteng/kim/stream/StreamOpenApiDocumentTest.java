package id.go.kalteng.kim.stream;

import id.go.kalteng.kim.support.test.OpenApiDocumentRules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document of stream-service (the gateway merges it with the others). */
class StreamOpenApiDocumentTest extends StreamIntegrationTest {

	@Test
	void theDocumentIsUsableForClientGeneration() throws Exception {
		JsonNode document = OpenApiDocumentRules.fetch(this.mvc, "stream-service");

		OpenApiDocumentRules.assertUsable(document);
		assertThat(document.at("/paths/~1api~1streams~1events/get").isMissingNode()).isFalse();
		assertThat(document.at("/paths/~1api~1webhook-subscriptions/post").isMissingNode()).isFalse();
	}

}
