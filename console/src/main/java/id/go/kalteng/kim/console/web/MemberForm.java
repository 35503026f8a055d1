package id.go.kalteng.kim.console.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A new member as the group page's form sends it (in the body: a phone number never goes
 * into a URL).
 */
public class MemberForm {

	private String requestKey = UUID.randomUUID().toString();

	private String name;

	private String phone;

	private String gender = "WANITA";

	private String ageGroup = "DEWASA";

	private String occupation = "LAINNYA";

	private String role = "ANGGOTA";

	private boolean whatsapp = true;

	Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", (this.name != null) ? this.name.strip() : null);
		body.put("phone", (this.phone != null) ? this.phone.strip() : null);
		body.put("gender", this.gender);
		body.put("ageGroup", this.ageGroup);
		body.put("occupation", this.occupation);
		body.put("role", this.role);
		body.put("whatsapp", this.whatsapp);
		return body;
	}

	public String getRequestKey() {
		return this.requestKey;
	}

	public void setRequestKey(String requestKey) {
		this.requestKey = requestKey;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getPhone() {
		return this.phone;
	}

	public void setPhone(String phone) {
		this.phone = phone;
	}

	public String getGender() {
		return this.gender;
	}

	public void setGender(String gender) {
		this.gender = gender;
	}

	public String getAgeGroup() {
		return this.ageGroup;
	}

	public void setAgeGroup(String ageGroup) {
		this.ageGroup = ageGroup;
	}

	public String getOccupation() {
		return this.occupation;
	}

	public void setOccupation(String occupation) {
		this.occupation = occupation;
	}

	public String getRole() {
		return this.role;
	}

	public void setRole(String role) {
		this.role = role;
	}

	public boolean isWhatsapp() {
		return this.whatsapp;
	}

	public void setWhatsapp(boolean whatsapp) {
		this.whatsapp = whatsapp;
	}

}
