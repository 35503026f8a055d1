package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.util.List;

import id.go.kalteng.kim.notification.optout.ReplyConfirmations;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;

import org.springframework.stereotype.Component;

/**
 * Sends the confirmation of an opt-out or opt-in as an URGENT notification that the
 * opt-out does not stop.
 */
@Component
class Confirmations implements ReplyConfirmations {

	private final QueuedNotifications queued;

	private final Clock clock;

	Confirmations(QueuedNotifications queued, Clock clock) {
		this.queued = queued;
		this.clock = clock;
	}

	@Override
	public void confirm(String id, String phone, String phoneHash, Channel channel, String kabupaten, String text) {
		this.queued.add(List
			.of(Notification.confirmation(id, phone, phoneHash, channel, kabupaten, text, this.clock.instant())));
	}

}
