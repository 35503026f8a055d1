package id.go.kalteng.kim.activity.docs;

import id.go.kalteng.kim.activity.ActivityServiceIntegrationTest;
import id.go.kalteng.kim.support.test.OpenApiDocumentRules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document clients are generated from (the gateway merges it with the
 * others'); a copy lands in {@code target/openapi/activity-service.json} for
 * {@code redocly lint}.
 */
class ActivityOpenApiDocumentTest extends ActivityServiceIntegrationTest {

	@Test
	void theDocumentIsUsableForClientGeneration() throws Exception {
		JsonNode document = OpenApiDocumentRules.fetch(this.mvc, "activity-service");

		OpenApiDocumentRules.assertUsable(document);
		assertThat(document.at("/paths/~1api~1activities~1{id}~1complete/post/responses/412/$ref").asString())
			.isEqualTo("#/components/responses/PreconditionFailed");
	}

}
