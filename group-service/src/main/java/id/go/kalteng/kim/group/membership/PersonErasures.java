package id.go.kalteng.kim.group.membership;

import java.time.Clock;
import java.time.Instant;

import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;

import org.springframework.stereotype.Component;

/** Records erasure requests by number: one record per person, created or updated. */
@Component
class PersonErasures {

	private final AggregateStore store;

	private final PhonePseudonyms pseudonyms;

	private final Clock clock;

	PersonErasures(AggregateStore store, PhonePseudonyms pseudonyms, Clock clock) {
		this.store = store;
		this.pseudonyms = pseudonyms;
		this.clock = clock;
	}

	/**
	 * Records a request and announces it to every service.
	 * @param phone the number in E.164 (not stored)
	 * @return the record
	 */
	PersonErasure request(String phone) {
		String phoneHash = this.pseudonyms.of(phone);
		Instant now = this.clock.instant();
		return this.store.insertOrGet(PersonErasure.requested(phoneHash, now),
				() -> this.store.change(
						() -> this.store.findById(phoneHash, PersonErasure.class)
							.orElseThrow(() -> new IllegalStateException("erasure " + phoneHash + " vanished")),
						null, (erasure) -> {
							erasure.requestedAgain(now);
							return erasure;
						}));
	}

}
