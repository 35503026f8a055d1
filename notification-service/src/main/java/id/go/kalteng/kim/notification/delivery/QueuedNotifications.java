package id.go.kalteng.kim.notification.delivery;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.support.outbox.AggregateStore;

import org.springframework.stereotype.Component;

/**
 * Notifications the service makes itself (a fallback on another channel, the confirmation
 * of an opt-out): inserted unless their id exists (their ids derive from what they
 * answer, so each is made once, however often its cause repeats), with their QUEUED event
 * in the same document, and handed to the delivery worker's ready queues.
 */
@Component
public class QueuedNotifications {

	private final AggregateStore store;

	private volatile Consumer<Collection<Notification>> worker = (queued) -> {
	};

	QueuedNotifications(AggregateStore store) {
		this.store = store;
	}

	void handTo(Consumer<Collection<Notification>> worker) {
		this.worker = worker;
	}

	/**
	 * Inserts new notifications (an existing id is left as it is) and offers them to
	 * delivery.
	 * @return how many were new
	 */
	public int add(List<Notification> notifications) {
		int inserted = this.store.insertAllIgnoringExisting(notifications);
		this.worker.accept(notifications);
		return inserted;
	}

}
