package id.go.kalteng.kim.group.membership;

import java.time.Instant;

import id.go.kalteng.kim.contracts.group.PersonErasedEvent;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The record that a person asked for erasure (UU PDP) by phone number, whether a member
 * now, a former member or never one: keyed by the number's pseudonymous id and holding no
 * number, it carries the {@link PersonErasedEvent} by which every service forgets its
 * copies. Each request publishes the event again, since copies may have been made since
 * the last one (the person joined again, received messages); forgetting is idempotent.
 */
@Document(PersonErasure.COLLECTION)
class PersonErasure extends AggregateRoot {

	/** The collection. */
	public static final String COLLECTION = "erasures";

	private final Instant firstRequestedAt;

	private Instant lastRequestedAt;

	private int requests;

	@PersistenceCreator
	PersonErasure(String id, Instant firstRequestedAt, Instant lastRequestedAt, int requests) {
		super(id);
		this.firstRequestedAt = firstRequestedAt;
		this.lastRequestedAt = lastRequestedAt;
		this.requests = requests;
	}

	/**
	 * A person's first erasure request.
	 * @param phoneHash the number's pseudonymous id
	 * @param now the time
	 * @return the record, with its event
	 */
	static PersonErasure requested(String phoneHash, Instant now) {
		PersonErasure erasure = new PersonErasure(phoneHash, now, now, 0);
		erasure.requestedAgain(now);
		return erasure;
	}

	/**
	 * Another erasure request by the same person: announced again.
	 * @param now the time
	 */
	void requestedAgain(Instant now) {
		this.lastRequestedAt = now;
		this.requests++;
		record(new PersonErasedEvent(getId(), now));
	}

	public Instant getFirstRequestedAt() {
		return this.firstRequestedAt;
	}

	public Instant getLastRequestedAt() {
		return this.lastRequestedAt;
	}

	public int getRequests() {
		return this.requests;
	}

}
