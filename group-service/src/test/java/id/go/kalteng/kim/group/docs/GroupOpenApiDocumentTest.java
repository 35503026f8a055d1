package id.go.kalteng.kim.group.docs;

import id.go.kalteng.kim.group.GroupServiceIntegrationTest;
import id.go.kalteng.kim.support.test.OpenApiDocumentRules;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OpenAPI document the gateway's UI shows: every public path, bearer-secured, and the
 * caller taken from the token rather than asked for as a parameter.
 */
class GroupOpenApiDocumentTest extends GroupServiceIntegrationTest {

	@Test
	void theDocumentIsUsableForClientGeneration() throws Exception {
		OpenApiDocumentRules.assertUsable(OpenApiDocumentRules.fetch(this.mvc, "group-service"));
	}

	@Test
	void theDocumentListsThePublicPathsAndAsksForATokenNotACaller() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.info.title").value("kim-platform group-service"))
			.andExpect(jsonPath("$.paths['/api/groups'].post.responses['201']").exists())
			.andExpect(jsonPath("$.paths['/api/groups/{groupId}/members/import'].post").exists())
			.andExpect(jsonPath("$.paths['/api/forums'].get").exists())
			.andExpect(jsonPath("$.paths['/api/kabupaten'].get").exists())
			.andExpect(jsonPath("$.components.securitySchemes['bearer-jwt'].scheme").value("bearer"))
			.andExpect(content().string(not(containsString("\"name\":\"principal\""))));
	}

	@Test
	void pagedListingsDocumentTheirPageAndSizeBoundsAndTheRostersContentTypes() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(jsonPath("$.paths['/api/forums'].get.parameters[?(@.name == 'size')].schema.maximum")
				.value(hasItem(100)))
			.andExpect(
					jsonPath("$.paths['/api/forums'].get.parameters[?(@.name == 'size')].in").value(hasItem("query")))
			.andExpect(jsonPath(
					"$.paths['/api/groups/{groupId}/members'].get.parameters[?(@.name == 'size')].schema.default")
				.value(hasItem(50)))
			.andExpect(jsonPath("$.paths['/api/groups'].get.parameters[?(@.name == 'page')].schema.minimum")
				.value(hasItem(0)))
			.andExpect(jsonPath("$.paths['/api/groups/{groupId}/members/import'].post.requestBody.content['text/csv']")
				.exists())
			.andExpect(jsonPath(
					"$.paths['/api/groups/{groupId}/members/import'].post.requestBody.content['multipart/form-data']")
				.exists());
	}

}
