package id.go.kalteng.kim.console.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.console.api.Views.Broadcast;
import id.go.kalteng.kim.console.api.Views.Target;

/**
 * The composer's fields as the browser sends them. The schedule is typed in WIB
 * (Asia/Jakarta) and sent to the API with its offset.
 */
public class BroadcastForm {

	static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private String id;

	private String etag;

	/**
	 * One per composer page: the draft's Idempotency-Key, so a form sent twice is one
	 * draft.
	 */
	private String requestKey = UUID.randomUUID().toString();

	private String title;

	private String message;

	private List<String> channels = new ArrayList<>(List.of("SMS"));

	private String priority = "NORMAL";

	private List<String> kabupaten = new ArrayList<>();

	private List<String> gender = new ArrayList<>();

	private List<String> ageGroup = new ArrayList<>();

	private List<String> occupation = new ArrayList<>();

	private List<String> setting = new ArrayList<>();

	private String groups;

	private String scheduledAt;

	/** After this (typed in WIB) no message is handed to a provider; blank for none. */
	private String expiresAt;

	/** The picked template's variables, one input each (the picker's fields). */
	private List<String> waValues = new ArrayList<>();

	/** An approved WhatsApp template's name, for messages outside the 24-hour window. */
	private String waTemplate;

	private String waLanguage = "id";

	/** The template's body variables, one per line. */
	private String waVariables;

	static BroadcastForm of(Broadcast broadcast, String etag) {
		BroadcastForm form = new BroadcastForm();
		form.id = broadcast.id();
		form.etag = etag;
		form.title = broadcast.title();
		form.message = broadcast.message();
		form.channels = new ArrayList<>(broadcast.channels());
		form.priority = broadcast.priority();
		Target target = broadcast.target();
		form.kabupaten = new ArrayList<>(target.kabupaten());
		form.gender = new ArrayList<>(target.gender());
		form.ageGroup = new ArrayList<>(target.ageGroup());
		form.occupation = new ArrayList<>(target.occupation());
		form.setting = new ArrayList<>(target.setting());
		form.groups = String.join("\n", target.groups());
		form.scheduledAt = (broadcast.scheduledAt() != null)
				? broadcast.scheduledAt().atZoneSameInstant(WIB).toLocalDateTime().format(LOCAL) : null;
		form.expiresAt = (broadcast.expiresAt() != null)
				? broadcast.expiresAt().atZoneSameInstant(WIB).toLocalDateTime().format(LOCAL) : null;
		Map<String, Object> template = broadcast.whatsappTemplate();
		if (template != null && template.get("name") != null) {
			form.waTemplate = template.get("name").toString();
			form.waLanguage = String.valueOf(template.getOrDefault("language", "id"));
			if (template.get("variables") instanceof List<?> variables) {
				form.waVariables = String.join("\n", variables.stream().map(String::valueOf).toList());
				form.waValues = new ArrayList<>(variables.stream().map(String::valueOf).toList());
			}
		}
		return form;
	}

	/**
	 * What is missing before the API can take the draft, in words; empty when nothing.
	 */
	List<String> missing() {
		List<String> missing = new ArrayList<>();
		if (blank(this.title)) {
			missing.add("judul");
		}
		if (blank(this.message)) {
			missing.add("pesan");
		}
		if (this.channels == null || this.channels.isEmpty()) {
			missing.add("kanal");
		}
		return missing;
	}

	/** The body of the API's create and edit. */
	Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", this.title.strip());
		body.put("message", this.message.strip());
		body.put("channels", this.channels);
		body.put("priority", (this.priority != null) ? this.priority : "NORMAL");
		Map<String, Object> target = new LinkedHashMap<>();
		target.put("kabupaten", this.kabupaten);
		target.put("groups", groupIds());
		target.put("gender", this.gender);
		target.put("ageGroup", this.ageGroup);
		target.put("occupation", this.occupation);
		target.put("setting", this.setting);
		body.put("target", target);
		String schedule = scheduledAtIso();
		if (schedule != null) {
			body.put("scheduledAt", schedule);
		}
		String expiry = expiresAtIso();
		if (expiry != null) {
			body.put("expiresAt", expiry);
		}
		Map<String, Object> template = whatsappTemplate();
		if (template != null) {
			body.put("whatsappTemplate", template);
		}
		return body;
	}

	/**
	 * The WhatsApp template as the API takes it, or {@code null} for the platform's
	 * default (no template named, or WhatsApp not a channel). The picker's one field per
	 * variable wins over the one-per-line text of a typed name.
	 */
	Map<String, Object> whatsappTemplate() {
		if (this.channels == null || !this.channels.contains("WHATSAPP") || blank(this.waTemplate)) {
			return null;
		}
		Map<String, Object> template = new LinkedHashMap<>();
		template.put("name", this.waTemplate.strip());
		template.put("language", blank(this.waLanguage) ? "id" : this.waLanguage.strip());
		List<String> values = (this.waValues != null)
				? this.waValues.stream().map((value) -> (value != null) ? value.strip() : "").toList() : List.of();
		if (values.stream().anyMatch((value) -> !value.isEmpty())) {
			template.put("variables", values);
		}
		else {
			template.put("variables", blank(this.waVariables) ? List.of()
					: this.waVariables.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList());
		}
		return template;
	}

	/** The schedule typed in WIB as ISO-8601 with {@code +07:00}, or {@code null}. */
	String scheduledAtIso() {
		if (blank(this.scheduledAt)) {
			return null;
		}
		try {
			return LocalDateTime.parse(this.scheduledAt.strip(), LOCAL).atZone(WIB).toOffsetDateTime().toString();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("jadwal harus berbentuk tanggal dan jam, mis. 2026-12-03T09:00");
		}
	}

	/** The expiry typed in WIB as ISO-8601 with {@code +07:00}, or {@code null}. */
	String expiresAtIso() {
		if (blank(this.expiresAt)) {
			return null;
		}
		try {
			return LocalDateTime.parse(this.expiresAt.strip(), LOCAL).atZone(WIB).toOffsetDateTime().toString();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"batas kedaluwarsa harus berbentuk tanggal dan jam, mis. 2026-12-03T21:00");
		}
	}

	List<String> groupIds() {
		if (blank(this.groups)) {
			return List.of();
		}
		return Arrays.stream(this.groups.split("[,\\s]+")).filter((id) -> !id.isBlank()).distinct().toList();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public String getEtag() {
		return this.etag;
	}

	public void setEtag(String etag) {
		this.etag = etag;
	}

	public String getRequestKey() {
		return this.requestKey;
	}

	public void setRequestKey(String requestKey) {
		this.requestKey = requestKey;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getMessage() {
		return this.message;
	}

	public void setMessage(String message) {
		this.message = message;
	}

	public List<String> getChannels() {
		return this.channels;
	}

	public void setChannels(List<String> channels) {
		this.channels = channels;
	}

	public String getPriority() {
		return this.priority;
	}

	public void setPriority(String priority) {
		this.priority = priority;
	}

	public List<String> getKabupaten() {
		return this.kabupaten;
	}

	public void setKabupaten(List<String> kabupaten) {
		this.kabupaten = kabupaten;
	}

	public List<String> getGender() {
		return this.gender;
	}

	public void setGender(List<String> gender) {
		this.gender = gender;
	}

	public List<String> getAgeGroup() {
		return this.ageGroup;
	}

	public void setAgeGroup(List<String> ageGroup) {
		this.ageGroup = ageGroup;
	}

	public List<String> getOccupation() {
		return this.occupation;
	}

	public void setOccupation(List<String> occupation) {
		this.occupation = occupation;
	}

	public List<String> getSetting() {
		return this.setting;
	}

	public void setSetting(List<String> setting) {
		this.setting = setting;
	}

	public String getGroups() {
		return this.groups;
	}

	public void setGroups(String groups) {
		this.groups = groups;
	}

	public String getWaTemplate() {
		return this.waTemplate;
	}

	public void setWaTemplate(String waTemplate) {
		this.waTemplate = waTemplate;
	}

	public String getWaLanguage() {
		return this.waLanguage;
	}

	public void setWaLanguage(String waLanguage) {
		this.waLanguage = waLanguage;
	}

	public String getWaVariables() {
		return this.waVariables;
	}

	public void setWaVariables(String waVariables) {
		this.waVariables = waVariables;
	}

	public String getExpiresAt() {
		return this.expiresAt;
	}

	public void setExpiresAt(String expiresAt) {
		this.expiresAt = expiresAt;
	}

	public List<String> getWaValues() {
		return this.waValues;
	}

	public void setWaValues(List<String> waValues) {
		this.waValues = waValues;
	}

	public String getScheduledAt() {
		return this.scheduledAt;
	}

	public void setScheduledAt(String scheduledAt) {
		this.scheduledAt = scheduledAt;
	}

}
