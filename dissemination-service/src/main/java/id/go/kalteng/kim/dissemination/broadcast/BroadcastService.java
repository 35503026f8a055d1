package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.dissemination.recipient.ActiveRecipients;
import id.go.kalteng.kim.dissemination.recipient.Recipient;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import id.go.kalteng.kim.support.web.PageView;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Use cases on broadcasts, with who-may-see-what: operators everything, an agency only
 * broadcasts targeting exactly its kabupaten (and changes only those it wrote),
 * coordinators nothing.
 */
@Service
public class BroadcastService {

	private final AggregateStore store;

	private final MongoTemplate mongo;

	private final ActiveRecipients recipients;

	private final DeliveryProgress progress;

	private final Clock clock;

	private final WhatsAppTemplates templates;

	private final SentBroadcasts sent;

	BroadcastService(AggregateStore store, MongoTemplate mongo, ActiveRecipients recipients, DeliveryProgress progress,
			Clock clock, WhatsAppTemplates templates, SentBroadcasts sent) {
		this.store = store;
		this.mongo = mongo;
		this.recipients = recipients;
		this.progress = progress;
		this.clock = clock;
		this.templates = templates;
		this.sent = sent;
	}

	Broadcast create(KimPrincipal principal, String idempotencyKey, Broadcast.Content content) {
		requireAccess(principal);
		Broadcast.Content scoped = scoped(principal, content);
		String id = IdempotencyKeys.idFor("broadcast", principal.id(), idempotencyKey);
		String agencyKabupaten = principal.isOperator() ? null : principal.kabupaten();
		boolean verified = this.templates.check(scoped.whatsappTemplate());
		Broadcast draft = Broadcast.draft(id, scoped, principal.id(), agencyKabupaten, this.clock.instant());
		draft.templateChecked(verified);
		return this.store.insertOrGet(draft, () -> get(principal, id));
	}

	/**
	 * A broadcast the caller may see (404 otherwise).
	 * @param principal the caller
	 * @param id the broadcast
	 * @return it
	 */
	public Broadcast visible(KimPrincipal principal, String id) {
		return get(principal, id);
	}

	Broadcast get(KimPrincipal principal, String id) {
		requireAccess(principal);
		Broadcast broadcast = this.store.findById(id, Broadcast.class)
			.orElseThrow(() -> DomainException.notFound("broadcast", id));
		if (!principal.isOperator() && !isOwnKabupaten(principal, broadcast.getTarget())) {
			throw DomainException.notFound("broadcast", id);
		}
		return broadcast;
	}

	PageView<Broadcast> list(KimPrincipal principal, BroadcastStatus status, String kabupaten, int page, int size) {
		requireAccess(principal);
		Query query = new Query();
		if (status != null) {
			query.addCriteria(Criteria.where("status").is(status.name()));
		}
		if (!principal.isOperator()) {
			if (kabupaten != null && !kabupaten.equals(principal.kabupaten())) {
				return new PageView<>(List.of(), page, size, 0);
			}
			query.addCriteria(Criteria.where("scope").is(principal.kabupaten()));
		}
		else if (kabupaten != null) {
			query.addCriteria(Criteria.where("scope").is(kabupaten));
		}
		long total = this.mongo.count(query, Broadcast.class);
		query.with(Sort.by(Sort.Direction.DESC, "createdAt")).skip((long) page * size).limit(size);
		return new PageView<>(this.mongo.find(query, Broadcast.class), page, size, total);
	}

	Broadcast edit(KimPrincipal principal, String id, String ifMatch, Patch patch) {
		// an edit that changes nothing is not saved: the version (ETag) stays
		return this.store.changeIfChanged(() -> changeable(principal, id, "edit"), ifMatch, (broadcast) -> {
			// a new template is checked like one at creation (400 before anything
			// changes)
			Boolean verified = (patch.whatsappTemplate() != null
					&& !patch.whatsappTemplate().equals(broadcast.getWhatsappTemplate()))
							? this.templates.check(patch.whatsappTemplate()) : null;
			boolean changed = broadcast.edit(scoped(principal, patch.applyTo(broadcast)), principal.id(),
					this.clock.instant());
			if (verified != null) {
				broadcast.templateChecked(verified);
			}
			return changed;
		});
	}

	Broadcast submit(KimPrincipal principal, String id, String ifMatch) {
		return this.store.change(() -> changeable(principal, id, "submit"), ifMatch, (broadcast) -> {
			broadcast.submit(this.clock.instant());
			return broadcast;
		});
	}

	Broadcast approve(KimPrincipal principal, String id, String ifMatch) {
		return this.store.change(() -> decidable(principal, id, "approve"), ifMatch, (broadcast) -> {
			broadcast.approve(principal.id(), this.clock.instant());
			return broadcast;
		});
	}

	Broadcast reject(KimPrincipal principal, String id, String ifMatch, String reason) {
		return this.store.change(() -> decidable(principal, id, "reject"), ifMatch, (broadcast) -> {
			broadcast.reject(reason, this.clock.instant());
			return broadcast;
		});
	}

	Broadcast cancel(KimPrincipal principal, String id, String ifMatch) {
		return this.store.change(() -> changeable(principal, id, "cancel"), ifMatch, (broadcast) -> {
			broadcast.cancel(principal.id(), this.clock.instant());
			return broadcast;
		});
	}

	/**
	 * A broadcast's timer is due ({@link BroadcastTimers}): a scheduled one starts (or
	 * expires), one past its {@code expiresAt} ends. The change is a compare-and-set on
	 * the document's version, so of several instances one applies it.
	 * @param id the broadcast
	 * @return the broadcast as it is now; null when it does not exist
	 */
	public Broadcast timerDue(String id) {
		Broadcast[] seen = { null };
		this.store.changeIfPresent(id, Broadcast.class, (broadcast) -> {
			seen[0] = broadcast;
			Instant now = this.clock.instant();
			return broadcast.releaseIfDue(now) | broadcast.expireIfDue(now);
		});
		return seen[0];
	}

	/**
	 * Loads a broadcast for the system (no access check).
	 * @param id the broadcast
	 * @return it, if it exists
	 */
	public Optional<Broadcast> find(String id) {
		return this.store.findById(id, Broadcast.class);
	}

	/**
	 * The fan-out requested the messages of its first {@code chosen} recipients.
	 * @param id the broadcast
	 * @param chosen recipients requested so far
	 */
	public void dispatched(String id, int chosen) {
		boolean[] started = { false };
		this.store.changeIfPresent(id, Broadcast.class, (broadcast) -> {
			started[0] = broadcast.getStatus() == BroadcastStatus.APPROVED;
			return broadcast.dispatched(chosen, this.clock.instant());
		});
		if (started[0]) {
			this.sent.started(id, this.clock.instant());
		}
	}

	/**
	 * The fan-out went through every recipient or stopped for good.
	 * @param id the broadcast
	 * @param total recipients chosen
	 * @param unsent of them not requested (the broadcast was cancelled or expired)
	 */
	public void fanOutFinished(String id, int total, int unsent) {
		this.store.changeIfPresent(id, Broadcast.class,
				(broadcast) -> broadcast.fanOutFinished(total, unsent, this.clock.instant()));
	}

	/**
	 * Ends a sending broadcast COMPLETED when every message is final.
	 * @param id the broadcast
	 * @param finalMessages its messages with a final status (from the counters)
	 * @return whether it completed now
	 */
	public boolean completeIfDone(String id, long finalMessages) {
		return this.store.changeIfPresent(id, Broadcast.class,
				(broadcast) -> broadcast.completeIfDone(
						finalMessages + broadcast.getUnsentCancelled() + broadcast.getUnsentExpired(),
						this.clock.instant()));
	}

	/**
	 * Marks an approved broadcast as sending to its recipients (the fan-out's last step);
	 * a repeat keeps the first count.
	 * @param id the broadcast
	 * @param recipients how many notifications were requested
	 * @throws IllegalStateException when the broadcast does not exist
	 */
	public void markSending(String id, int recipients) {
		boolean[] found = { false };
		this.store.changeIfPresent(id, Broadcast.class, (broadcast) -> {
			found[0] = true;
			return broadcast.markSending(recipients, this.clock.instant());
		});
		if (!found[0]) {
			throw new IllegalStateException("approved broadcast " + id + " not found");
		}
	}

	/**
	 * Who the broadcast would reach now, counted as the fan-out chooses: the candidates
	 * stream one phone at a time, so a province-wide preview never holds its recipients.
	 */
	Map<String, Object> preview(KimPrincipal principal, String id) {
		Broadcast broadcast = get(principal, id);
		Targeting.Tally tally;
		try (Stream<Recipient> candidates = this.recipients.streamOfActiveGroups(broadcast.getTarget().kabupaten(),
				broadcast.getTarget().groups())) {
			tally = Targeting.tally(candidates.iterator(), broadcast.getTarget(), broadcast.getChannels());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("recipients", tally.recipients());
		body.put("byKabupaten", tally.byKabupaten());
		body.put("byChannel", tally.byChannel());
		body.put("suppressed", tally.suppressed());
		return body;
	}

	Map<String, Object> progress(KimPrincipal principal, String id) {
		return progressOf(get(principal, id));
	}

	/**
	 * A broadcast's progress: its status, recipients and the count of messages per
	 * status, from its counter document (one read by {@code _id}); recipients the fan-out
	 * never requested because the broadcast was cancelled or expired count as
	 * {@code cancelled} or {@code expired}.
	 * @param broadcast the broadcast
	 * @return the progress answer
	 */
	Map<String, Object> progressOf(Broadcast broadcast) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", broadcast.getStatus());
		int recipients = (broadcast.getRecipients() != null) ? broadcast.getRecipients() : 0;
		body.put("recipients", recipients);
		int unsent = broadcast.getUnsentCancelled() + broadcast.getUnsentExpired();
		Map<String, Long> counts = new LinkedHashMap<>(
				this.progress.countsFor(broadcast.getId(), Math.max(0, recipients - unsent)));
		counts.merge("cancelled", (long) broadcast.getUnsentCancelled(), Long::sum);
		counts.merge("expired", (long) broadcast.getUnsentExpired(), Long::sum);
		counts.merge("final", (long) unsent, Long::sum);
		body.putAll(counts);
		body.put("completedAt", Wib.format(broadcast.getCompletedAt()));
		return body;
	}

	/**
	 * Whether a progress answer is the last: the broadcast ended and no message of it is
	 * still expected to change.
	 * @param broadcast the broadcast
	 * @param progress its progress answer
	 * @return true for COMPLETED, EXPIRED and REJECTED, and for CANCELLED once its
	 * messages are final (or none was sent)
	 */
	static boolean isLast(Broadcast broadcast, Map<String, Object> progress) {
		return switch (broadcast.getStatus()) {
			case COMPLETED, EXPIRED, REJECTED -> true;
			case CANCELLED ->
				!Boolean.FALSE.equals(broadcast.getFanOutDone()) && ((Number) progress.getOrDefault("final", 0L))
					.longValue() >= ((Number) progress.getOrDefault("recipients", 0)).longValue();
			default -> false;
		};
	}

	/**
	 * A broadcast the caller may change: operators any, an agency only one it wrote (one
	 * of its kabupaten it did not write is 403, one of another kabupaten stays 404).
	 */
	private Broadcast changeable(KimPrincipal principal, String id, String action) {
		Broadcast broadcast = get(principal, id);
		if (!principal.isOperator() && !principal.id().equals(broadcast.getAuthor())) {
			throw DomainException.forbidden("not-author", "an agency may " + action
					+ " only the broadcasts it wrote; this one is " + broadcast.getAuthor() + "'s");
		}
		return broadcast;
	}

	/** A broadcast the caller may approve or reject: operators only. */
	private Broadcast decidable(KimPrincipal principal, String id, String action) {
		Broadcast broadcast = get(principal, id);
		if (!principal.isOperator()) {
			throw DomainException.forbidden("only an operator may " + action + " a broadcast");
		}
		return broadcast;
	}

	private static void requireAccess(KimPrincipal principal) {
		if (!principal.isOperator() && !(principal.has(Role.AGENCY) && principal.kabupaten() != null)) {
			throw DomainException.forbidden("broadcasts are for operators and agencies");
		}
	}

	private static boolean isOwnKabupaten(KimPrincipal principal, BroadcastTarget target) {
		return target != null && List.of(principal.kabupaten()).equals(target.kabupaten());
	}

	/** Validates the target's kabupaten codes and confines an agency to its own. */
	private static Broadcast.Content scoped(KimPrincipal principal, Broadcast.Content content) {
		BroadcastTarget target = Broadcast.normalize(content.target());
		List<FieldViolation> errors = new ArrayList<>();
		for (String code : target.kabupaten()) {
			if (!Kabupaten.isKnown(code)) {
				errors.add(new FieldViolation("target.kabupaten",
						"must be a kabupaten code of Kalimantan Tengah (62.01..62.13 or 62.71)", code));
			}
		}
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
		if (!principal.isOperator()) {
			if (target.kabupaten().isEmpty()) {
				target = new BroadcastTarget(List.of(principal.kabupaten()), target.groups(), target.gender(),
						target.ageGroup(), target.occupation(), target.setting());
			}
			else if (!isOwnKabupaten(principal, target)) {
				throw DomainException.forbidden("an agency may only target its own kabupaten");
			}
		}
		return new Broadcast.Content(content.title(), content.message(), distinct(content.channels()),
				content.priority(), target, content.whatsappTemplate(), content.scheduledAt(), content.expiresAt());
	}

	private static List<Channel> distinct(List<Channel> channels) {
		return channels.stream().distinct().toList();
	}

	/**
	 * Fields to change (null = unchanged).
	 *
	 * @param title the title
	 * @param message the message
	 * @param channels the channel preference list
	 * @param priority the priority
	 * @param target the target
	 * @param scheduledAt when the fan-out starts
	 * @param expiresAt after when nothing more is handed to a provider
	 * @param whatsappTemplate the WhatsApp template to send it in
	 */
	record Patch(String title, String message, List<Channel> channels, Priority priority, BroadcastTarget target,
			Instant scheduledAt, Instant expiresAt, WhatsAppTemplate whatsappTemplate) {

		Patch(String title, String message, List<Channel> channels, Priority priority, BroadcastTarget target) {
			this(title, message, channels, priority, target, null, null, null);
		}

		/** The content of a broadcast with these changes. */
		Broadcast.Content applyTo(Broadcast broadcast) {
			return new Broadcast.Content((this.title != null) ? this.title : broadcast.getTitle(),
					(this.message != null) ? this.message : broadcast.getMessage(),
					(this.channels != null) ? distinct(this.channels) : broadcast.getChannels(),
					(this.priority != null) ? this.priority : broadcast.getPriority(),
					(this.target != null) ? this.target : broadcast.getTarget(),
					(this.whatsappTemplate != null) ? this.whatsappTemplate : broadcast.getWhatsappTemplate(),
					(this.scheduledAt != null) ? this.scheduledAt : broadcast.getScheduledAt(),
					(this.expiresAt != null) ? this.expiresAt : broadcast.getExpiresAt());
		}

	}

}
