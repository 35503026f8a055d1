package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Applies providers' delivery reports. They arrive asynchronously and out of order, so a
 * report only counts when it moves the notification forward. A report is also what
 * settles a send whose outcome was unknown (status UNKNOWN): it went out after all, or
 * failed.
 */
@Component
public class DeliveryReports {

	private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

	private final AggregateStore store;

	private final ProviderMessages providerMessages;

	private final QueuedNotifications queued;

	private final Clock clock;

	DeliveryReports(AggregateStore store, ProviderMessages providerMessages, QueuedNotifications queued, Clock clock) {
		this.store = store;
		this.providerMessages = providerMessages;
		this.queued = queued;
		this.clock = clock;
	}

	/**
	 * The notifications a provider's message ids belong to, once their sends are
	 * recorded: one look-up by {@code _id $in} ({@link ProviderMessages}).
	 * @return message id to notification id, for the messages known
	 */
	public Map<String, String> notificationsOf(String provider, Collection<String> providerMessageIds) {
		return this.providerMessages.notificationsOf(provider, providerMessageIds);
	}

	/**
	 * A report that the channel could not reach the phone after all (a WhatsApp
	 * {@code failed} status with 131026): FAILED, and where the member consented to
	 * another channel a fallback there, made once (its id derives from this one; made
	 * before the FAILED is saved, so a crash between loses neither). Ignored when the
	 * notification is past SENT or final.
	 */
	public Outcome reportUnreachable(String notificationId, String reason) {
		Optional<Notification> current = this.store.findById(notificationId, Notification.class);
		if (current.isEmpty()) {
			return Outcome.UNKNOWN_MESSAGE;
		}
		if (!current.get().canMoveTo(NotificationStatus.FAILED)) {
			return Outcome.IGNORED;
		}
		Optional<Notification> fallback = current.get().fallback(this.clock.instant());
		fallback.ifPresent((f) -> this.store.outlastingOutages(() -> this.queued.add(List.of(f))));
		String fallbackId = fallback.map(Notification::getId).orElse(null);
		boolean moved = this.store.changeIfPresent(notificationId, Notification.class,
				(n) -> n.unreachable(reason, fallbackId, this.clock.instant()));
		log.info("Notification {} unreachable ({}){}", notificationId, reason,
				fallback.map((f) -> ": falls back to " + f.getChannel() + " as " + f.getId()).orElse(""));
		return moved ? Outcome.APPLIED : Outcome.IGNORED;
	}

	/**
	 * Applies a report to a notification.
	 * @return what it changed
	 */
	public Outcome report(String notificationId, NotificationStatus status, String reason) {
		boolean[] found = { false };
		boolean moved = this.store.changeIfPresent(notificationId, Notification.class, (n) -> {
			found[0] = true;
			return n.reported(status, reason, this.clock.instant());
		});
		if (!found[0]) {
			return Outcome.UNKNOWN_MESSAGE;
		}
		log.debug("Report {} on notification {}: {}", status, notificationId, moved ? "applied" : "not forward");
		return moved ? Outcome.APPLIED : Outcome.IGNORED;
	}

	/** What a report changed. */
	public enum Outcome {

		/** The status moved forward. */
		APPLIED,
		/** The report was old news (the status was already as far or further). */
		IGNORED,
		/** No notification has that message. */
		UNKNOWN_MESSAGE

	}

}
