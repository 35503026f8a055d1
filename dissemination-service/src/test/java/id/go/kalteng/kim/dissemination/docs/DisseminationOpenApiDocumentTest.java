package id.go.kalteng.kim.dissemination.docs;

import id.go.kalteng.kim.dissemination.DisseminationServiceIntegrationTest;
import id.go.kalteng.kim.support.test.OpenApiDocumentRules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document clients are generated from (the gateway merges it with the
 * others'); a copy lands in {@code target/openapi/dissemination-service.json} for
 * {@code redocly lint}.
 */
class DisseminationOpenApiDocumentTest extends DisseminationServiceIntegrationTest {

	@Test
	void theDocumentIsUsableForClientGeneration() throws Exception {
		JsonNode document = OpenApiDocumentRules.fetch(this.mvc, "dissemination-service");

		OpenApiDocumentRules.assertUsable(document);
		assertThat(document.at("/paths/~1api~1broadcasts~1{id}~1approve/post/operationId").asString())
			.isEqualTo("approveBroadcast");
	}

}
