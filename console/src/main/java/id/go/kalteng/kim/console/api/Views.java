package id.go.kalteng.kim.console.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API's answers as the pages read them: only the fields the console shows (the API's
 * shapes may grow; unknown fields are ignored).
 */
public final class Views {

	private Views() {
	}

	/** A paged list. */
	public record Page<T>(List<T> items, int page, int size, long total) {

		public static <T> Page<T> empty() {
			return new Page<>(List.of(), 0, 0, 0);
		}

		public int pages() {
			return (this.size <= 0) ? 0 : (int) ((this.total + this.size - 1) / this.size);
		}

	}

	public record Kabupaten(String code, String name, String kind) {

	}

	/** Who a broadcast reaches; an empty list is no restriction. */
	public record Target(List<String> kabupaten, List<String> groups, List<String> gender, List<String> ageGroup,
			List<String> occupation, List<String> setting) {

		public static Target none() {
			return new Target(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
		}

		static List<String> orEmpty(List<String> values) {
			return (values != null) ? values : List.of();
		}

		public Target {
			kabupaten = orEmpty(kabupaten);
			groups = orEmpty(groups);
			gender = orEmpty(gender);
			ageGroup = orEmpty(ageGroup);
			occupation = orEmpty(occupation);
			setting = orEmpty(setting);
		}

	}

	public record Broadcast(String id, String title, String message, List<String> channels, String priority,
			Target target, String status, String author, String approvedBy, String rejectionReason, Integer recipients,
			Instant createdAt, Instant updatedAt, OffsetDateTime scheduledAt, Map<String, Object> whatsappTemplate,
			OffsetDateTime expiresAt) {

		private static final Set<String> LIVE = Set.of("APPROVED", "SCHEDULED", "SENDING", "COMPLETED", "CANCELLED",
				"EXPIRED");

		public Broadcast {
			channels = (channels != null) ? channels : List.of();
			target = (target != null) ? target : Target.none();
		}

		public boolean isDraft() {
			return "DRAFT".equals(this.status);
		}

		public boolean isPending() {
			return "PENDING_APPROVAL".equals(this.status);
		}

		/**
		 * Whether delivery has begun or may begin: the live page has something to show.
		 */
		public boolean hasDelivery() {
			return LIVE.contains(this.status);
		}

		public boolean isCancellable() {
			return Set.of("DRAFT", "PENDING_APPROVAL", "APPROVED", "SCHEDULED", "SENDING").contains(this.status);
		}

	}

	/** A broadcast with the version to send back as If-Match. */
	public record Versioned<T>(T body, String etag) {

	}

	public record Group(String id, String name, String kabupaten, String kecamatan, String desa, String setting,
			String status, String statusReason, Integer memberCount, String focus) {

		public Group {
			memberCount = (memberCount != null) ? memberCount : 0;
		}

		/** A KIM group has 3 to 30 members. */
		public String sizeCheck() {
			if (this.memberCount < 3) {
				return "KURANG";
			}
			return (this.memberCount > 30) ? "LEBIH" : "SESUAI";
		}

	}

	/** A message that failed, as {@code GET /api/notifications} lists it. */
	public record Notification(String id, String phone, String channel, String status, String reason, Integer attempts,
			Boolean erased) {

		public boolean isErased() {
			return Boolean.TRUE.equals(this.erased);
		}

	}

	public record Member(String id, String name, String phone, String gender, String ageGroup, String occupation,
			String role, Boolean whatsapp) {

		public boolean usesWhatsApp() {
			return Boolean.TRUE.equals(this.whatsapp);
		}

	}

	/**
	 * A group's partnership with an agency (dinas); {@code until} is set once it ended.
	 */
	public record Partnership(String id, String agency, String scope, java.time.LocalDate since,
			java.time.LocalDate until, String endReason, Instant recordedAt) {

		public boolean isActive() {
			return this.until == null;
		}

	}

	/** The Forum KIM of a kabupaten/kota (or of the province, {@code 62}). */
	public record Forum(String id, String kabupaten, String name, List<String> memberGroups,
			List<ForumCoordinator> coordinators, Instant establishedAt, Instant updatedAt) {

		public Forum {
			memberGroups = (memberGroups != null) ? memberGroups : List.of();
			coordinators = (coordinators != null) ? coordinators : List.of();
		}

		public boolean hasGroup(String groupId) {
			return this.memberGroups.contains(groupId);
		}

	}

	/** A member of a forum's group who coordinates the forum, in a position. */
	public record ForumCoordinator(String groupId, String memberId, String position) {

	}

}
