package id.go.kalteng.kim.group;

import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Test shortcuts for setting up groups and members through the real API. */
public final class GroupApi {

	private static final AtomicInteger NUMBERS = new AtomicInteger(
			(int) (System.nanoTime() % 1_000_000) * 10 + 10_000_000);

	private final MockMvc mvc;

	private final JsonMapper json;

	public GroupApi(MockMvc mvc, JsonMapper json) {
		this.mvc = mvc;
		this.json = json;
	}

	/** A fresh, unused Indonesian mobile number as people write it (08xx-xxxx-xxxx). */
	public static String newPhone() {
		String digits = String.format("%08d", Math.floorMod(NUMBERS.incrementAndGet(), 100_000_000));
		return "0812-" + digits.substring(0, 4) + "-" + digits.substring(4);
	}

	/** The E.164 form of a number made by {@link #newPhone()}. */
	public static String e164(String phone) {
		return "+62" + phone.substring(1).replace("-", "");
	}

	public static String groupBody(String name, String kabupaten) {
		return "{\"name\":\"" + name + "\",\"kabupaten\":\"" + kabupaten
				+ "\",\"kecamatan\":\"Jekan Raya\",\"desa\":\"Palangka\",\"setting\":\"PERKOTAAN\"}";
	}

	public static String memberBody(String name, String phone, String role) {
		return "{\"name\":\"" + name + "\",\"phone\":\"" + phone
				+ "\",\"gender\":\"WANITA\",\"ageGroup\":\"DEWASA\",\"occupation\":\"PETANI\",\"role\":\"" + role
				+ "\",\"whatsapp\":true}";
	}

	public JsonNode registerGroup(RequestPostProcessor token, String name, String kabupaten) throws Exception {
		return read(this.mvc
			.perform(post("/api/groups").with(token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(groupBody(name, kabupaten)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	public JsonNode join(RequestPostProcessor token, String groupId, String phone, String role) throws Exception {
		return read(this.mvc
			.perform(post("/api/groups/{id}/members", groupId).with(token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(memberBody("Siti Rahayu", phone, role)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	public JsonNode read(String body) {
		return this.json.readTree(body);
	}

}
