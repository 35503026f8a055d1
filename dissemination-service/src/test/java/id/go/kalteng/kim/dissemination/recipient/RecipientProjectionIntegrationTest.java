package id.go.kalteng.kim.dissemination.recipient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.MemberLeftEvent;
import id.go.kalteng.kim.dissemination.DisseminationServiceIntegrationTest;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The recipients projection takes a poll's joins as one bulk write: a batch written in
 * part and handed over again ends the same, a group first seen through its members keeps
 * the status it was first seen with, and a poison record in a poll does not stop the
 * joins around it nor what follows.
 */
class RecipientProjectionIntegrationTest extends DisseminationServiceIntegrationTest {

	@Autowired
	RecipientProjection projection;

	@Test
	void aBatchWrittenInPartThenHandedOverAgainEndsTheSameWithNothingDoubled() {
		String group = UUID.randomUUID().toString();
		List<MemberJoinedEvent> batch = IntStream.range(0, 6)
			.mapToObj((i) -> joined(group, UUID.randomUUID().toString(), "+62812300000" + i, "FORMING"))
			.toList();
		// the instance died after the first half was written
		this.projection.membersJoined(batch.subList(0, 3));
		this.projection.membersJoined(batch);

		List<Recipient> recipients = this.mongo.find(Query.query(Criteria.where("groupId").is(group)), Recipient.class);
		assertThat(recipients).extracting(Recipient::memberId)
			.containsExactlyInAnyOrderElementsOf(batch.stream().map(MemberJoinedEvent::memberId).toList());
		assertThat(recipients).allSatisfy((recipient) -> {
			assertThat(recipient.phoneHash()).isEqualTo(this.pseudonyms.of(recipient.phone()));
			assertThat(recipient.kabupaten()).isEqualTo("62.71");
			assertThat(recipient.setting()).isEqualTo("PERKOTAAN");
			assertThat(recipient.occupation()).isEqualTo("PETANI");
			assertThat(recipient.whatsapp()).isTrue();
			assertThat(recipient.consent()).isEqualTo(new Recipient.Consent(true, false));
		});
		GroupView stored = this.mongo.findById(group, GroupView.class);
		assertThat(stored).isNotNull();
		assertThat(stored.status()).isEqualTo("FORMING");
		assertThat(stored.kabupaten()).isEqualTo("62.71");
	}

	@Test
	void aGroupFirstSeenThroughItsMembersIsNeverOverwrittenByALaterJoin() {
		String group = UUID.randomUUID().toString();
		this.projection.groupStatusChanged(group, "62.71", "SUSPENDED");
		// another instance, which has not seen the group stored, projects a join that
		// carries an older status
		new RecipientProjection(this.mongo, this.pseudonyms)
			.membersJoined(List.of(joined(group, UUID.randomUUID().toString(), randomPhone(), "ACTIVE")));
		assertThat(this.mongo.findById(group, GroupView.class).status()).isEqualTo("SUSPENDED");
	}

	@Test
	void joinsAroundAPoisonRecordAreProjectedAndALeavingFollows() {
		String group = UUID.randomUUID().toString();
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		try (TestEventPublisher publisher = new TestEventPublisher(this.json)) {
			publisher.publish(joined(group, first, randomPhone(), "ACTIVE"));
			publisher.publishUnreadable(MemberJoinedEvent.class, group, "62.71");
			publisher.publish(joined(group, second, randomPhone(), "ACTIVE"));
			await().atMost(TIMEOUT).until(() -> recipientsOf(group) == 2);
			publisher.publish(new MemberLeftEvent(group, second, "62.71", "ACTIVE", Instant.now()));
			await().atMost(TIMEOUT).until(() -> recipientsOf(group) == 1);
			assertThat(this.mongo.findById(first, Recipient.class)).isNotNull();
		}
	}

	private long recipientsOf(String group) {
		return this.mongo.count(Query.query(Criteria.where("groupId").is(group)), Recipient.class);
	}

	private static MemberJoinedEvent joined(String group, String member, String phone, String groupStatus) {
		return new MemberJoinedEvent(group, member, "62.71", "PERKOTAAN", groupStatus, phone, "PRIA", "DEWASA",
				"PETANI", "ANGGOTA", true, new ChannelConsent(true, false), "id", Instant.now());
	}

}
