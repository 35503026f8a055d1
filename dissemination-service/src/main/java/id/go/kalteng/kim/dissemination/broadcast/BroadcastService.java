package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
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

	BroadcastService(AggregateStore store, MongoTemplate mongo, ActiveRecipients recipients, DeliveryProgress progress,
			Clock clock) {
		this.store = store;
		this.mongo = mongo;
		this.recipients = recipients;
		this.progress = progress;
		this.clock = clock;
	}

	Broadcast create(KimPrincipal principal, String idempotencyKey, Broadcast.Content content) {
		requireAccess(principal);
		Broadcast.Content scoped = scoped(principal, content);
		String id = IdempotencyKeys.idFor("broadcast", principal.id(), idempotencyKey);
		String agencyKabupaten = principal.isOperator() ? null : principal.kabupaten();
		return this.store.insertOrGet(
				Broadcast.draft(id, scoped, principal.id(), agencyKabupaten, this.clock.instant()),
				() -> get(principal, id));
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
		return this.store.changeIfChanged(() -> changeable(principal, id, "edit"), ifMatch, (broadcast) -> broadcast
			.edit(scoped(principal, patch.applyTo(broadcast)), principal.id(), this.clock.instant()));
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
			broadcast.cancel(this.clock.instant());
			return broadcast;
		});
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

	Map<String, Object> preview(KimPrincipal principal, String id) {
		Broadcast broadcast = get(principal, id);
		List<Recipient> candidates = this.recipients.recipientsOfActiveGroups(broadcast.getTarget().kabupaten());
		Targeting.Selection selection = Targeting.select(candidates,
				new HashSet<>(candidates.stream().map(Recipient::groupId).toList()), broadcast.getTarget(),
				broadcast.getChannels());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("recipients", selection.chosen().size());
		body.put("byKabupaten", selection.byKabupaten());
		body.put("byChannel", selection.byChannel());
		body.put("suppressed", selection.suppressed());
		return body;
	}

	Map<String, Object> progress(KimPrincipal principal, String id) {
		Broadcast broadcast = get(principal, id);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", broadcast.getStatus());
		int recipients = (broadcast.getRecipients() != null) ? broadcast.getRecipients() : 0;
		body.put("recipients", recipients);
		body.putAll(this.progress.countsFor(id, recipients));
		return body;
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
				content.priority(), target, content.whatsappTemplate());
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
	 */
	record Patch(String title, String message, List<Channel> channels, Priority priority, BroadcastTarget target) {

		/** The content of a broadcast with these changes. */
		Broadcast.Content applyTo(Broadcast broadcast) {
			return new Broadcast.Content((this.title != null) ? this.title : broadcast.getTitle(),
					(this.message != null) ? this.message : broadcast.getMessage(),
					(this.channels != null) ? distinct(this.channels) : broadcast.getChannels(),
					(this.priority != null) ? this.priority : broadcast.getPriority(),
					(this.target != null) ? this.target : broadcast.getTarget());
		}

	}

}
