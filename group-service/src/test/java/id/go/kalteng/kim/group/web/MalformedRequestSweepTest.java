package id.go.kalteng.kim.group.web;

import id.go.kalteng.kim.group.GroupApi;
import id.go.kalteng.kim.group.GroupServiceIntegrationTest;
import id.go.kalteng.kim.support.test.MalformedRequestSweep;
import org.junit.jupiter.api.Test;

/**
 * Every operation of group-service's OpenAPI document, sent malformed paths, parameters,
 * headers and bodies as an OPERATOR and unauthenticated: never a 5xx, every refusal a
 * problem+json. The ids in paths are a real group, member and forum, so that malformed
 * input reaches past the lookup.
 */
class MalformedRequestSweepTest extends GroupServiceIntegrationTest {

	@Test
	void noMalformedRequestIsAServerErrorAndEveryRefusalIsAProblem() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Sapu Bersih", "62.13").get("id").asString();
		String member = this.api.join(OPERATOR, group, GroupApi.newPhone(), "ANGGOTA").get("id").asString();
		MalformedRequestSweep.of(this.mvc, this.json)
			.pathValue("id", group)
			.pathValue("groupId", group)
			.pathValue("memberId", member)
			.run();
	}

}
