package id.go.kalteng.kim.notification.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.cancellation.CancelledSources;
import id.go.kalteng.kim.notification.delivery.DeliveryWorker;
import id.go.kalteng.kim.notification.erasure.Erasures;
import id.go.kalteng.kim.notification.optout.OptOuts;
import id.go.kalteng.kim.notification.template.WhatsAppTemplates;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.observability.Masking;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

	private final MongoTemplate mongo;

	private final MeterRegistry meters;

	private final CancelledSources cancelled;

	private final WhatsAppTemplates templates;

	NotificationIntake(AggregateStore store, MongoTemplate mongo, OptOuts optOuts, DeliveryWorker worker,
			Erasures erasures, PhonePseudonyms pseudonyms, Clock clock, MeterRegistry meters,
			CancelledSources cancelled, WhatsAppTemplates templates) {
		this.cancelled = cancelled;
		this.templates = templates;
		this.store = store;
		this.mongo = mongo;
		this.meters = meters;
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
		acceptAll(List.of(request));
	}

	/**
	 * Handles the requests of one poll at once: what is known is looked up by
	 * {@code _id $in} (the notifications, the erased members and phones, the opt-outs),
	 * and the new notifications are inserted in one write that skips any inserted
	 * meanwhile. The notification id is the idempotency key: a request whose notification
	 * exists (a retry upstream, a redelivery, a replay, a repeat within the batch)
	 * changes and sends nothing, so a batch handed over again after a crash halfway adds
	 * only what is missing.
	 * @throws IllegalArgumentException when a request lacks what any notification needs
	 * (the dispatcher then finds it and dead-letters it alone)
	 */
	public void acceptAll(List<NotificationRequestedEvent> requests) {
		Map<String, Candidate> candidates = new LinkedHashMap<>();
		for (NotificationRequestedEvent request : requests) {
			Channel channel = checkEnvelope(request);
			candidates.putIfAbsent(request.notificationId(),
					new Candidate(request, channel, PhoneNumbers.normalise(request.phone()).orElse(null)));
		}
		Query known = Query.query(Criteria.where("_id").in(candidates.keySet()));
		known.fields().include("_id");
		this.mongo.find(known, Notification.class).forEach((n) -> candidates.remove(n.getId()));
		this.meters.counter("kim.notification.requests", "outcome", "known")
			.increment(requests.size() - candidates.size());
		if (candidates.isEmpty()) {
			log.debug("{} notifications were requested before; nothing to do", requests.size());
			return;
		}
		Map<String, String> hashes = new HashMap<>();
		for (Candidate candidate : candidates.values()) {
			if (candidate.phone() != null) {
				// computed once here: erasures find the notification by it
				hashes.computeIfAbsent(candidate.phone(), this.pseudonyms::of);
			}
		}
		Set<String> erasedMembers = this.erasures
			.erasedMembers(candidates.values().stream().map((c) -> c.request().memberId()).toList());
		Set<String> erasedPhones = this.erasures.erasedPhones(hashes.values());
		Set<String> optedOut = this.optOuts.optedOut(candidates.values()
			.stream()
			.filter((c) -> c.phone() != null)
			.map((c) -> OptOuts.key(hashes.get(c.phone()), c.channel()))
			.toList());
		Instant now = this.clock.instant();
		List<Notification> created = new ArrayList<>(candidates.size());
		for (Candidate candidate : candidates.values()) {
			String hash = (candidate.phone() != null) ? hashes.get(candidate.phone()) : null;
			String memberId = candidate.request().memberId();
			boolean erased = (memberId != null && erasedMembers.contains(memberId))
					|| (hash != null && erasedPhones.contains(hash));
			boolean optOut = hash != null && optedOut.contains(OptOuts.key(hash, candidate.channel()));
			created.add(create(candidate, hash, erased, optOut, now));
		}
		int inserted = this.store.insertAllIgnoringExisting(created);
		for (Notification notification : created) {
			if (log.isDebugEnabled() || notification.getReason() != null) {
				log.info("Notification {} ({} {}, {}) to {} on {}: {}{}", notification.getId(),
						notification.getSourceType(), notification.getSourceId(), notification.getPriority(),
						Masking.phone(notification.getPhone()), notification.getChannel(), notification.getStatus(),
						(notification.getReason() != null) ? " (" + notification.getReason() + ")" : "");
			}
		}
		log.info("{} notification requests: {} new, {} known before", requests.size(), inserted,
				requests.size() - inserted);
		this.worker.queued(created);
	}

	private Notification create(Candidate candidate, String phoneHash, boolean erased, boolean optedOut, Instant now) {
		NotificationRequestedEvent request = candidate.request();
		Channel channel = candidate.channel();
		if (erased) {
			// a fan-out that overtook the erasure, or a later request for an erased
			// person: keep the count, not the phone
			return Notification.forErasedMember(request, channel, now);
		}
		if (this.cancelled.isCancelled(Notification.sourceKey(request.sourceType(), request.sourceId()))) {
			// a fan-out that overtook the cancellation
			return Notification.ended(request, candidate.phone(), phoneHash, channel, NotificationStatus.CANCELLED,
					Notification.cancelledReason(request.sourceType()), now);
		}
		if (request.expiresAt() != null && !now.isBefore(request.expiresAt())) {
			return Notification.ended(request, candidate.phone(), phoneHash, channel, NotificationStatus.EXPIRED,
					Notification.EXPIRED, now);
		}
		if (candidate.phone() == null) {
			return Notification.rejected(request, request.phone(), null, channel, "invalid-phone", now);
		}
		if (request.text() == null || request.text().isBlank()) {
			return Notification.rejected(request, candidate.phone(), phoneHash, channel, "empty-text", now);
		}
		if (channel == Channel.WHATSAPP) {
			Optional<WhatsAppTemplates.Problem> problem = this.templates.problemOf(request.whatsappTemplate());
			if (problem.isPresent()) {
				log.warn("Notification {} ({} {}) not sent: {}", request.notificationId(), request.sourceType(),
						request.sourceId(), problem.get().detail());
				return Notification.rejected(request, candidate.phone(), phoneHash, channel, problem.get().reason(),
						now);
			}
		}
		if (optedOut) {
			return Notification.suppressed(request, candidate.phone(), phoneHash, channel, now);
		}
		return Notification.queued(request, candidate.phone(), phoneHash, channel, now);
	}

	/**
	 * A request that passed the envelope check, with its phone in E.164 (null if
	 * invalid).
	 */
	private record Candidate(NotificationRequestedEvent request, Channel channel, String phone) {

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
