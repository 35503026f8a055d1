package id.go.kalteng.kim.notification.tracking;

import java.util.Optional;
import java.util.function.Predicate;

import id.go.kalteng.kim.notification.ConflictRetry;
import id.go.kalteng.kim.support.outbox.AggregateStore;

import org.springframework.stereotype.Component;

/**
 * Changes a stored notification: load, let the aggregate decide, save with its events;
 * again from a fresh load when someone else saved in between.
 */
@Component
public class NotificationUpdates {

	private final AggregateStore store;

	NotificationUpdates(AggregateStore store) {
		this.store = store;
	}

	/** Loads a notification. */
	public Optional<Notification> find(String id) {
		return this.store.findById(id, Notification.class);
	}

	/**
	 * Applies a change to the notification with the given id; the change answers whether
	 * it changed anything (nothing is saved when not).
	 * @return the notification as it is now, empty when there is none with that id
	 */
	public Optional<Notification> apply(String id, Predicate<Notification> change) {
		return ConflictRetry.run("notification-update", () -> {
			Optional<Notification> found = find(id);
			found.filter(change).ifPresent(this.store::save);
			return found;
		});
	}

}
