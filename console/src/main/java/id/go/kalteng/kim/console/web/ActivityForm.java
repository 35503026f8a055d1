package id.go.kalteng.kim.console.web;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A new activity as the planning form sends it: times typed in WIB
 * ({@code datetime-local}), sent to the API with {@code +07:00}; the invited groups
 * ticked from the kabupaten's list, plus any group ids typed (a province-wide activity).
 */
public class ActivityForm {

	static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private String requestKey = UUID.randomUUID().toString();

	private String type = "SARASEHAN";

	private String title;

	private String description;

	private String organizer;

	private String kabupaten;

	private String place;

	private String startsAt;

	private String endsAt;

	private List<String> groups = new ArrayList<>();

	private String otherGroups;

	private Integer capacity;

	/** The API's body, or a sentence saying which field is not right. */
	Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", this.type);
		body.put("title", strip(this.title));
		if (this.description != null && !this.description.isBlank()) {
			body.put("description", this.description.strip());
		}
		body.put("organizer", strip(this.organizer));
		body.put("kabupaten", strip(this.kabupaten));
		body.put("place", strip(this.place));
		body.put("startsAt", wib(this.startsAt, "Waktu mulai"));
		body.put("endsAt", wib(this.endsAt, "Waktu selesai"));
		body.put("invitedGroups", invitedGroups());
		if (this.capacity != null) {
			body.put("capacity", this.capacity);
		}
		return body;
	}

	List<String> invitedGroups() {
		LinkedHashSet<String> ids = new LinkedHashSet<>();
		if (this.groups != null) {
			this.groups.stream().filter((g) -> g != null && !g.isBlank()).map(String::strip).forEach(ids::add);
		}
		if (this.otherGroups != null) {
			for (String id : this.otherGroups.split("[,\\s]+")) {
				if (!id.isBlank()) {
					ids.add(id.strip());
				}
			}
		}
		return List.copyOf(ids);
	}

	/**
	 * A time typed in WIB as ISO-8601 with {@code +07:00}.
	 * @throws IllegalArgumentException naming the field when it is empty or not a time
	 */
	static String wib(String local, String field) {
		if (local == null || local.isBlank()) {
			throw new IllegalArgumentException(field + " wajib diisi.");
		}
		try {
			return LocalDateTime.parse(local.strip(), LOCAL).atZone(BroadcastForm.WIB).toOffsetDateTime().toString();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(field + " harus berupa tanggal dan jam (WIB).");
		}
	}

	/** An API time as the {@code datetime-local} input shows it (WIB). */
	static String local(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(BroadcastForm.WIB).toLocalDateTime().format(LOCAL) : null;
	}

	private static String strip(String value) {
		return (value != null) ? value.strip() : null;
	}

	public String getRequestKey() {
		return this.requestKey;
	}

	public void setRequestKey(String requestKey) {
		this.requestKey = requestKey;
	}

	public String getType() {
		return this.type;
	}

	public void setType(String type) {
		this.type = type;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public String getOrganizer() {
		return this.organizer;
	}

	public void setOrganizer(String organizer) {
		this.organizer = organizer;
	}

	public String getKabupaten() {
		return this.kabupaten;
	}

	public void setKabupaten(String kabupaten) {
		this.kabupaten = kabupaten;
	}

	public String getPlace() {
		return this.place;
	}

	public void setPlace(String place) {
		this.place = place;
	}

	public String getStartsAt() {
		return this.startsAt;
	}

	public void setStartsAt(String startsAt) {
		this.startsAt = startsAt;
	}

	public String getEndsAt() {
		return this.endsAt;
	}

	public void setEndsAt(String endsAt) {
		this.endsAt = endsAt;
	}

	public List<String> getGroups() {
		return this.groups;
	}

	public void setGroups(List<String> groups) {
		this.groups = groups;
	}

	public String getOtherGroups() {
		return this.otherGroups;
	}

	public void setOtherGroups(String otherGroups) {
		this.otherGroups = otherGroups;
	}

	public Integer getCapacity() {
		return this.capacity;
	}

	public void setCapacity(Integer capacity) {
		this.capacity = capacity;
	}

}
