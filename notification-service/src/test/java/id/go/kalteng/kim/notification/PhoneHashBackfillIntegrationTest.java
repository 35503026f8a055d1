package id.go.kalteng.kim.notification;

import java.time.Instant;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.optout.OptOuts;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation's records from before phone hashes: its opt-outs keep working without
 * the number, and its notifications can be found by an erasure.
 */
class PhoneHashBackfillIntegrationTest extends NotificationIntegrationTest {

	@Autowired
	PhoneHashBackfill backfill;

	@Autowired
	OptOuts optOuts;

	@Test
	void anOptOutKeyedByThePlainNumberIsRekeyedByItsHashAndStillHolds() {
		String phone = randomPhone();
		this.mongo.insert(new Document("_id", phone + ":SMS").append("phone", phone)
			.append("channel", "SMS")
			.append("optedOut", true)
			.append("reason", "STOP")
			.append("version", 1L), "opt_outs");
		assertThat(this.optOuts.isOptedOut(phone, Channel.SMS)).isFalse();

		this.backfill.run();

		assertThat(this.optOuts.isOptedOut(phone, Channel.SMS)).isTrue();
		assertThat(this.mongo.find(Query.query(Criteria.where("phone").exists(true)), Document.class, "opt_outs"))
			.isEmpty();
		Document rekeyed = this.mongo.findById(this.pseudonyms.of(phone) + ":SMS", Document.class, "opt_outs");
		assertThat(rekeyed.toJson()).doesNotContain(phone.substring(3));
	}

	@Test
	void aNotificationWithoutAPhoneHashGetsOne() {
		String phone = randomPhone();
		NotificationRequestedEvent request = request(phone, "SMS", "NORMAL", "62.71");
		this.store.save(Notification.rejected(request, phone, null, Channel.SMS, "empty-text", Instant.now()));

		this.backfill.run();

		assertThat(this.store.findById(request.notificationId(), Notification.class).orElseThrow().getPhoneHash())
			.isEqualTo(this.pseudonyms.of(phone));
	}

}
