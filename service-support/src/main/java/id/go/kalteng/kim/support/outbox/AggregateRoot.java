package id.go.kalteng.kim.support.outbox;

import java.util.ArrayList;
import java.util.List;

import id.go.kalteng.kim.contracts.KimEvent;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;

/**
 * Base of every aggregate: an id, a version for optimistic concurrency (the ETag), and
 * the events its changes recorded. {@link AggregateStore} writes the state and those
 * events in one single-document update, so a change and its announcement are never
 * separated.
 */
public abstract class AggregateRoot {

	@Id
	private String id;

	private long version;

	@Transient
	private final List<KimEvent> recordedEvents = new ArrayList<>();

	protected AggregateRoot(String id) {
		this.id = id;
	}

	public String getId() {
		return this.id;
	}

	/** How many times the aggregate was saved; 0 until it is first stored. */
	public long getVersion() {
		return this.version;
	}

	void setVersion(long version) {
		this.version = version;
	}

	/**
	 * Records an event caused by a change; it is stored with the change and published
	 * after.
	 */
	protected void record(KimEvent event) {
		this.recordedEvents.add(event);
	}

	/** The events recorded since the last save, oldest first. */
	public List<KimEvent> recordedEvents() {
		return List.copyOf(this.recordedEvents);
	}

	/**
	 * Whether the relay publishes this aggregate's events before those of ordinary ones
	 * waiting with them (an URGENT message saved behind thousands of NORMAL ones); false
	 * unless the aggregate says otherwise. Order per aggregate is kept either way.
	 * @return true to jump the queue
	 */
	public boolean publishesFirst() {
		return false;
	}

	void clearRecordedEvents() {
		this.recordedEvents.clear();
	}

}
