package id.go.kalteng.kim.infra.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import id.go.kalteng.kim.infra.demo.DemoGroup.DemoMember;

/**
 * Fills a fresh platform with demo groups and members through the public API, as an
 * operator would, so a newcomer sees realistic data right after {@code ./kim up --demo}.
 */
public final class DemoSeeder {

	private static final String FORUM_KABUPATEN = "62.71";

	private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	private static final int ACTIVITY_ATTEMPTS = 40;

	private final DemoSeederSettings settings;

	/** How long the demo broadcast may take to reach its recipients and complete. */
	private static final int BROADCAST_ATTEMPTS = 40;

	/** The demo replies (aspirasi) to the demo broadcast: phone and text. */
	static final List<List<String>> REPLIES = List.of(
			List.of("+6281251102301", "Air sudah naik sebetis di Jalan Bukit Tunggal, mohon info posko pengungsian."),
			List.of("+6281349201187", "Terima kasih infonya. Di pasar belum banjir, warga sudah siaga."));

	private final PlatformClient platform;

	private final String sandboxSecret;

	DemoSeeder(DemoSeederSettings settings, PlatformClient platform) {
		this(settings, platform, settings.sandboxWebhookSecret(Map.of()));
	}

	DemoSeeder(DemoSeederSettings settings, PlatformClient platform, String sandboxSecret) {
		this.settings = settings;
		this.platform = platform;
		this.sandboxSecret = sandboxSecret;
	}

	public static void main(String[] args) {
		DemoSeederSettings settings = DemoSeederSettings.fromEnvironment(System.getenv());
		try {
			new DemoSeeder(settings, new PlatformClient(settings.gateway()),
					settings.sandboxWebhookSecret(System.getenv()))
				.seed(DemoData.groups());
		}
		catch (RuntimeException ex) {
			System.err.println("Seeding the demo data failed: " + ex.getMessage());
			System.exit(1);
		}
	}

	void seed(List<DemoGroup> groups) {
		if (Files.exists(this.settings.seededMarker())) {
			System.out.println("Demo data already seeded (" + this.settings.seededMarker() + ")");
			return;
		}
		System.out.println("Seeding demo data through " + this.settings.gateway() + " as " + this.settings.clientId());
		String token = this.platform.accessToken(this.settings.tokenEndpoint(), this.settings.clientId(),
				this.settings.clientSecret());
		String coordinatorGroup = null;
		int members = 0;
		List<String> palangkaRaya = new ArrayList<>();
		for (DemoGroup group : groups) {
			String groupId = createGroup(group, token);
			members += group.members().size();
			if (coordinatorGroup == null) {
				coordinatorGroup = groupId;
				write(this.settings.coordinatorGroupFile(), groupId);
			}
			if (FORUM_KABUPATEN.equals(group.kabupaten())) {
				palangkaRaya.add(groupId);
			}
		}
		if (!palangkaRaya.isEmpty()) {
			seedForumAndPartnership(palangkaRaya, token);
			seedActivity(palangkaRaya, token);
			seedBroadcast(token);
		}
		write(this.settings.seededMarker(),
				groups.size() + " groups, " + members + " members, " + OffsetDateTime.now());
		System.out.printf("Seeded %d groups with %d members; coordinator-demo manages group %s%n", groups.size(),
				members, coordinatorGroup);
	}

	/** The city's Forum KIM with its groups, and a partnership of its first group. */
	private void seedForumAndPartnership(List<String> groupIds, String token) {
		boolean created = this.platform.createOnce("/api/forums",
				new NewForum(FORUM_KABUPATEN, "Forum KIM Kota Palangka Raya", groupIds), token);
		this.platform.post("/api/groups/" + groupIds.get(0) + "/partnerships",
				new NewPartnership("Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Palangka Raya",
						"Diseminasi informasi publik dan literasi digital", "2026-01-15"),
				"kim-demo-partnership-1", token);
		System.out.printf("  Forum KIM Kota Palangka Raya (%s) with %d group(s); one partnership with a dinas%n",
				created ? "established" : "already there", groupIds.size());
	}

	/**
	 * One upcoming activity for the city's groups, three days ahead at 09:00 WIB: its
	 * invitations reach the members' sandbox. activity-service learns of the groups from
	 * their events, so a planning refused because a group is not known yet is tried again
	 * for a while.
	 */
	private void seedActivity(List<String> groupIds, String token) {
		ZonedDateTime start = ZonedDateTime.now(WIB).plusDays(3).with(LocalTime.of(9, 0));
		NewActivity activity = new NewActivity("SARASEHAN", "Sarasehan KIM: literasi digital dan cek fakta",
				"Diskominfo Kota Palangka Raya", FORUM_KABUPATEN, "Aula Diskominfo Kota Palangka Raya",
				start.toOffsetDateTime().toString(), start.plusHours(3).toOffsetDateTime().toString(), groupIds, 60);
		for (int attempt = 1;; attempt++) {
			try {
				String id = this.platform.post("/api/activities", activity, "kim-demo-activity-1", token)
					.get("id")
					.asString();
				System.out.printf("  Sarasehan KIM on %s planned for %d group(s), id %s%n", start.toLocalDate(),
						groupIds.size(), id);
				return;
			}
			catch (IllegalStateException ex) {
				boolean notKnownYet = ex.getMessage() != null && ex.getMessage().contains(" answered 400")
						&& ex.getMessage().contains("not a known KIM group");
				if (!notKnownYet || attempt >= ACTIVITY_ATTEMPTS) {
					throw ex;
				}
				PlatformClient.pause();
			}
		}
	}

	/**
	 * One broadcast to the city, written by this operator and approved by the second
	 * (four eyes), sent to the members' sandbox; two members reply through the sandbox
	 * provider's signed webhook, so the broadcast has community replies (aspirasi). It
	 * becomes COMPLETED once notification-service reports every message final; the seeder
	 * waits for that a while and goes on either way.
	 */
	void seedBroadcast(String token) {
		String approverToken = this.platform.accessToken(this.settings.tokenEndpoint(), this.settings.approverId(),
				this.settings.clientSecret());
		NewBroadcast broadcast = new NewBroadcast("Waspada banjir Sungai Kahayan",
				"Debit Sungai Kahayan naik. Warga bantaran diminta waspada dan menyiapkan dokumen penting.",
				List.of("WHATSAPP", "SMS"), "URGENT", new Target(List.of(FORUM_KABUPATEN)));
		String id = this.platform.post("/api/broadcasts", broadcast, "kim-demo-broadcast-1", token)
			.get("id")
			.asString();
		String path = "/api/broadcasts/" + id;
		// dissemination-service learns of the groups from their events
		waitFor(() -> this.platform.get(path + "/preview", token).path("recipients").asInt() > 0, "recipients");
		String status = this.platform.get(path, token).path("status").asString();
		if ("DRAFT".equals(status)) {
			this.platform.command(path + "/submit", token);
			status = "PENDING_APPROVAL";
		}
		if ("PENDING_APPROVAL".equals(status)) {
			this.platform.command(path + "/approve", approverToken);
		}
		waitFor(() -> this.platform.get(path + "/progress", token).path("recipients").asInt() > 0, "its fan-out");
		int replies = 0;
		if (this.sandboxSecret != null) {
			for (int i = 0; i < REPLIES.size(); i++) {
				this.platform.signedWebhook("/webhooks/sms/sandbox",
						new SandboxInbound(REPLIES.get(i).get(0), REPLIES.get(i).get(1), "kim-demo-reply-" + (i + 1)),
						this.sandboxSecret, System.currentTimeMillis() / 1000);
				replies++;
			}
		}
		boolean completed = waitQuietly(
				() -> "COMPLETED".equals(this.platform.get(path + "/progress", token).path("status").asString()));
		System.out.printf("  Broadcast \"%s\" %s, %d sandbox replies, id %s%n", broadcast.title(),
				completed ? "COMPLETED" : "still sending", replies, id);
	}

	private static void waitFor(BooleanSupplier done, String what) {
		if (!waitQuietly(done)) {
			throw new IllegalStateException("the demo broadcast did not get " + what + " in time");
		}
	}

	private static boolean waitQuietly(BooleanSupplier done) {
		for (int attempt = 1; attempt <= BROADCAST_ATTEMPTS; attempt++) {
			if (done.getAsBoolean()) {
				return true;
			}
			PlatformClient.pause();
		}
		return false;
	}

	private String createGroup(DemoGroup group, String token) {
		NewGroup body = new NewGroup(group.name(), group.kabupaten(), group.kecamatan(), group.desa(), group.setting());
		String groupId = this.platform.post("/api/groups", body, "kim-demo-group-" + group.key(), token)
			.get("id")
			.asString();
		List<DemoMember> members = group.members();
		for (int i = 0; i < members.size(); i++) {
			this.platform.post("/api/groups/" + groupId + "/members", members.get(i),
					"kim-demo-member-" + group.key() + "-" + (i + 1), token);
		}
		System.out.printf("  %-24s %s  %d members  id %s%n", group.name(), group.kabupaten(), members.size(), groupId);
		return groupId;
	}

	private static void write(Path file, String content) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, content + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record NewGroup(String name, String kabupaten, String kecamatan, String desa, String setting) {
	}

	private record NewForum(String kabupaten, String name, List<String> memberGroups) {
	}

	private record NewPartnership(String agency, String scope, String since) {
	}

	private record NewBroadcast(String title, String message, List<String> channels, String priority, Target target) {
	}

	private record Target(List<String> kabupaten) {
	}

	private record SandboxInbound(String from, String text, String messageId) {
	}

	private record NewActivity(String type, String title, String organizer, String kabupaten, String place,
			String startsAt, String endsAt, List<String> invitedGroups, int capacity) {
	}

}
