package id.go.kalteng.kim.notification.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.delivery.DeliveryWorker;
import id.go.kalteng.kim.notification.erasure.Erasures;
import id.go.kalteng.kim.notification.optout.OptOuts;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.support.observability.Masking;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Turns a notification request into a notification, once: a request whose id is known (a
 * retry upstream, a redelivery, a replay after a restart) changes and sends nothing. A
 * phone that opted out of the channel gets a SUPPRESSED notification and no message; so
 * does an erased member or phone number, whose phone is not even stored.
 */
@Service
public class NotificationIntake {

	private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

	private final AggregateStore store;

	private final OptOuts optOuts;

	private final DeliveryWorker worker;

	private final Erasures erasures;

	private final PhonePseudonyms pseudonyms;

	private final Clock clock;

	NotificationIntake(AggregateStore store, OptOuts optOuts, DeliveryWorker worker, Erasures erasures,
			PhonePseudonyms pseudonyms, Clock clock) {
		this.store = store;
		this.optOuts = optOuts;
		this.worker = worker;
		this.erasures = erasures;
		this.pseudonyms = pseudonyms;
		this.clock = clock;
	}

	/**
	 * Handles one request.
	 * @throws IllegalArgumentException when the request lacks what any notification needs
	 * (it is dead-lettered)
	 */
	public void accept(NotificationRequestedEvent request) {
		Channel channel = checkEnvelope(request);
		if (this.store.findById(request.notificationId(), Notification.class).isPresent()) {
			log.debug("Notification {} was requested before; nothing to do", request.notificationId());
			return;
		}
		Notification notification = create(request, channel, this.clock.instant());
		try {
			this.store.save(notification);
		}
		catch (DuplicateKeyException ex) {
			log.debug("Notification {} was requested concurrently; nothing to do", request.notificationId());
			return;
		}
		log.info("Notification {} ({} {}, {}) to {} on {}: {}{}", notification.getId(), request.sourceType(),
				request.sourceId(), notification.getPriority(), Masking.phone(notification.getPhone()), channel,
				notification.getStatus(),
				(notification.getReason() != null) ? " (" + notification.getReason() + ")" : "");
		this.worker.wakeUp();
	}

	private Notification create(NotificationRequestedEvent request, Channel channel, Instant now) {
		Optional<String> phone = PhoneNumbers.normalise(request.phone());
		// computed once here: erasures find the notification by it
		String phoneHash = phone.map(this.pseudonyms::of).orElse(null);
		if (this.erasures.isErased(request.memberId()) || this.erasures.isPhoneErased(phoneHash)) {
			// a fan-out that overtook the erasure, or a later request for an erased
			// person:
			// keep the count, not the phone
			return Notification.forErasedMember(request, channel, now);
		}
		if (phone.isEmpty()) {
			return Notification.rejected(request, request.phone(), null, channel, "invalid-phone", now);
		}
		if (request.text() == null || request.text().isBlank()) {
			return Notification.rejected(request, phone.get(), phoneHash, channel, "empty-text", now);
		}
		if (this.optOuts.isOptedOut(phone.get(), channel)) {
			return Notification.suppressed(request, phone.get(), phoneHash, channel, now);
		}
		return Notification.queued(request, phone.get(), phoneHash, channel, now);
	}

	/** What no notification can do without: without it no status could be published. */
	private static Channel checkEnvelope(NotificationRequestedEvent request) {
		List<String> missing = new ArrayList<>();
		if (blank(request.notificationId())) {
			missing.add("notificationId");
		}
		if (blank(request.sourceType())) {
			missing.add("sourceType");
		}
		if (blank(request.sourceId())) {
			missing.add("sourceId");
		}
		if (blank(request.kabupaten())) {
			missing.add("kabupaten");
		}
		Optional<Channel> channel = Channel.parse(request.channel());
		if (channel.isEmpty()) {
			missing.add("channel");
		}
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("notification request lacks a valid " + String.join(", ", missing));
		}
		return channel.get();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
