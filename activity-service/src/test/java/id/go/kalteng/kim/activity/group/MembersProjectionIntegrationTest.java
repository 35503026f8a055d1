package id.go.kalteng.kim.activity.group;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import id.go.kalteng.kim.activity.ActivityServiceIntegrationTest;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.MemberConsentChangedEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.MemberLeftEvent;
import id.go.kalteng.kim.contracts.group.PersonErasedEvent;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The members projection from {@code kim.group.events}: joins in bulk, consent, leaving,
 * erasure; a batch written in part and handed over again ends the same; a poison record
 * in a poll does not stop the joins around it.
 */
class MembersProjectionIntegrationTest extends ActivityServiceIntegrationTest {

	@Autowired
	GroupProjection projection;

	@Autowired
	KnownGroups groups;

	@Autowired
	PhonePseudonyms pseudonyms;

	@Test
	void aBatchWrittenInPartThenHandedOverAgainEndsTheSameWithNothingDoubled() {
		String group = UUID.randomUUID().toString();
		List<MemberJoinedEvent> batch = IntStream.range(0, 6)
			.mapToObj((i) -> joined(group, UUID.randomUUID().toString(), "+62812300000" + i))
			.toList();
		// the instance died after the first half was written
		this.projection.membersJoined(batch.subList(0, 3));
		this.projection.membersJoined(batch);
		GroupView view = this.groups.findAll(List.of(group)).get(0);
		assertThat(view.members()).containsExactlyElementsOf(batch.stream().map(MemberJoinedEvent::memberId).toList());
		assertThat(view.status()).isEqualTo("ACTIVE");
		List<MemberContact> contacts = this.groups.contacts(view.members());
		assertThat(contacts).hasSize(6).allSatisfy((c) -> {
			assertThat(c.groupId()).isEqualTo(group);
			assertThat(c.phoneHash()).isEqualTo(this.pseudonyms.of(c.phone()));
			assertThat(c.channel()).isEqualTo("WHATSAPP");
		});
	}

	@Test
	void joinsAroundAPoisonRecordAreProjectedAndConsentLeavingAndErasureFollow() {
		String group = UUID.randomUUID().toString();
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		try (TestEventPublisher publisher = new TestEventPublisher(this.json)) {
			publisher.publish(joined(group, first, "+6281230001001"));
			publisher.publishUnreadable(MemberJoinedEvent.class, group, "62.71");
			publisher.publish(joined(group, second, "+6281230001002"));
			await().atMost(TIMEOUT).until(() -> this.groups.contacts(List.of(first, second)).size() == 2);
			publisher.publish(new MemberConsentChangedEvent(group, first, "62.71", new ChannelConsent(true, false),
					"opt-out WA", Instant.now()));
			await().atMost(TIMEOUT).until(() -> "SMS".equals(this.groups.contacts(List.of(first)).get(0).channel()));
			publisher.publish(new MemberLeftEvent(group, second, "62.71", "ACTIVE", Instant.now()));
			publisher.publish(new PersonErasedEvent(this.pseudonyms.of("+6281230001001"), Instant.now()));
			await().atMost(TIMEOUT).until(() -> this.groups.contacts(List.of(first, second)).isEmpty());
			assertThat(this.groups.findAll(List.of(group)).get(0).members()).isEmpty();
		}
	}

	private static MemberJoinedEvent joined(String group, String member, String phone) {
		return new MemberJoinedEvent(group, member, "62.71", "PERKOTAAN", "ACTIVE", phone, "P", "DEWASA", "PETANI",
				"ANGGOTA", true, new ChannelConsent(true, true), "id", Instant.now());
	}

}
