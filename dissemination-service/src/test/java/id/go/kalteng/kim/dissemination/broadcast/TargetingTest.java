package id.go.kalteng.kim.dissemination.broadcast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.dissemination.recipient.Recipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TargetingTest {

	private static final BroadcastTarget ALL = new BroadcastTarget(List.of(), List.of(), List.of(), List.of(),
			List.of(), List.of());

	private static final List<Channel> WA_THEN_SMS = List.of(Channel.WHATSAPP, Channel.SMS);

	static Recipient recipient(String memberId, String groupId, String phone, boolean whatsapp, boolean smsConsent,
			boolean waConsent) {
		return new Recipient(memberId, groupId, "62.71", "PERKOTAAN", phone, null, "P", "DEWASA", "PETANI", whatsapp,
				new Recipient.Consent(smsConsent, waConsent));
	}

	@Test
	void onlyMembersOfActiveGroupsAreTargeted() {
		List<Recipient> candidates = List.of(recipient("m1", "active", "+6281200000001", true, true, true),
				recipient("m2", "forming", "+6281200000002", true, true, true));
		Targeting.Selection selection = Targeting.select(candidates, Set.of("active"), ALL, WA_THEN_SMS);
		assertThat(selection.chosen()).extracting((c) -> c.recipient().memberId()).containsExactly("m1");
	}

	@Test
	void aPhoneInSeveralGroupsGetsOneMessage() {
		List<Recipient> candidates = List.of(recipient("m1", "g1", "+6281200000001", true, true, true),
				recipient("m2", "g2", "+6281200000001", true, true, true));
		Targeting.Selection selection = Targeting.select(candidates, Set.of("g1", "g2"), ALL, WA_THEN_SMS);
		assertThat(selection.chosen()).hasSize(1);
	}

	@Test
	void theFirstPreferredChannelTheRecipientCanTakeIsChosen() {
		Recipient noWhatsapp = recipient("m1", "g", "+6281200000001", false, true, true);
		Recipient waWithoutConsent = recipient("m2", "g", "+6281200000002", true, true, false);
		Recipient waWithConsent = recipient("m3", "g", "+6281200000003", true, true, true);
		Recipient nothing = recipient("m4", "g", "+6281200000004", true, false, false);
		assertThat(Targeting.channelFor(noWhatsapp, WA_THEN_SMS)).isEqualTo(Channel.SMS);
		assertThat(Targeting.channelFor(waWithoutConsent, WA_THEN_SMS)).isEqualTo(Channel.SMS);
		assertThat(Targeting.channelFor(waWithConsent, WA_THEN_SMS)).isEqualTo(Channel.WHATSAPP);
		assertThat(Targeting.channelFor(waWithConsent, List.of(Channel.SMS, Channel.WHATSAPP))).isEqualTo(Channel.SMS);
		assertThat(Targeting.channelFor(nothing, WA_THEN_SMS)).isNull();
	}

	@Test
	void recipientsReachableOnNoChannelAreSuppressed() {
		List<Recipient> candidates = List.of(recipient("m1", "g", "+6281200000001", true, true, true),
				recipient("m2", "g", "+6281200000002", false, false, true));
		Targeting.Selection selection = Targeting.select(candidates, Set.of("g"), ALL, List.of(Channel.WHATSAPP));
		assertThat(selection.chosen()).hasSize(1);
		assertThat(selection.suppressed()).isEqualTo(1);
		assertThat(selection.byChannel()).containsEntry("WHATSAPP", 1).containsEntry("SMS", 0);
	}

	@Test
	void everyTargetDimensionNarrowsTheRecipients() {
		Recipient farmer = recipient("m1", "g1", "+6281200000001", true, true, true);
		Recipient fisher = new Recipient("m2", "g2", "62.01", "PERDESAAN", "+6281200000002", null, "L", "MUDA",
				"NELAYAN", true, new Recipient.Consent(true, true));
		List<Recipient> candidates = List.of(farmer, fisher);
		Set<String> active = Set.of("g1", "g2");
		assertThat(select(candidates, active,
				new BroadcastTarget(List.of("62.01"), List.of(), List.of(), List.of(), List.of(), List.of())))
			.containsExactly("m2");
		assertThat(select(candidates, active,
				new BroadcastTarget(List.of(), List.of("g1"), List.of(), List.of(), List.of(), List.of())))
			.containsExactly("m1");
		assertThat(select(candidates, active,
				new BroadcastTarget(List.of(), List.of(), List.of("L"), List.of(), List.of(), List.of())))
			.containsExactly("m2");
		assertThat(select(candidates, active,
				new BroadcastTarget(List.of(), List.of(), List.of(), List.of("DEWASA"), List.of(), List.of())))
			.containsExactly("m1");
		assertThat(select(candidates, active,
				new BroadcastTarget(List.of(), List.of(), List.of(), List.of(), List.of("NELAYAN"), List.of())))
			.containsExactly("m2");
		assertThat(select(candidates, active,
				new BroadcastTarget(List.of(), List.of(), List.of(), List.of(), List.of(), List.of("PERKOTAAN"))))
			.containsExactly("m1");
		assertThat(select(candidates, active, ALL)).containsExactly("m1", "m2");
	}

	/**
	 * The preview counts one phone at a time over candidates sorted by phone hash (as the
	 * fan-out chooses): the counts are the ones a selection over the whole list gives,
	 * for random provinces of members in several groups with random consent.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 1L, 7L, 42L, 2026L, 62_71L })
	void tallyingOnePhoneAtATimeCountsWhatSelectingAllAtOnceChooses(long seed) {
		Random random = new Random(seed);
		List<String> kabupaten = List.of("62.71", "62.01", "62.03");
		List<Recipient> candidates = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			String phone = "+62812" + String.format("%07d", random.nextInt(150));
			candidates.add(new Recipient("m" + i, "g" + random.nextInt(12), kabupaten.get(random.nextInt(3)),
					random.nextBoolean() ? "PERKOTAAN" : "PERDESAAN", phone, "h" + phone.hashCode(),
					random.nextBoolean() ? "P" : "L", "DEWASA", random.nextBoolean() ? "PETANI" : "NELAYAN",
					random.nextBoolean(), new Recipient.Consent(random.nextInt(4) != 0, random.nextBoolean())));
		}
		candidates.sort(Comparator.comparing(Recipient::phoneHash).thenComparing(Recipient::memberId));
		BroadcastTarget target = new BroadcastTarget(random.nextBoolean() ? List.of() : List.of("62.71", "62.03"),
				List.of(), List.of(), List.of(), random.nextBoolean() ? List.of() : List.of("NELAYAN"), List.of());
		List<Channel> channels = random.nextBoolean() ? WA_THEN_SMS : List.of(Channel.SMS);

		Targeting.Selection all = Targeting.select(candidates, Targeting.ANY_GROUP, target, channels);
		Targeting.Tally tally = Targeting.tally(candidates.iterator(), target, channels);

		assertThat(tally.recipients()).isEqualTo(all.chosen().size()).isPositive();
		assertThat(tally.suppressed()).isEqualTo(all.suppressed());
		assertThat(tally.byKabupaten()).isEqualTo(all.byKabupaten());
		assertThat(tally.byChannel()).isEqualTo(all.byChannel());
	}

	private static List<String> select(List<Recipient> candidates, Set<String> active, BroadcastTarget target) {
		return Targeting.select(candidates, active, target, WA_THEN_SMS)
			.chosen()
			.stream()
			.map((c) -> c.recipient().memberId())
			.toList();
	}

}
