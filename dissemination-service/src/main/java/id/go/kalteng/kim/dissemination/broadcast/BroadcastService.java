package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.dissemination.dispatch.Progress;
import id.go.kalteng.kim.dissemination.recipient.Recipient;
import id.go.kalteng.kim.dissemination.recipient.RecipientProjection;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import id.go.kalteng.kim.support.web.ApiException;
import id.go.kalteng.kim.support.web.ETags;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.web.IdempotencyKeys;
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

	private final RecipientProjection recipients;

	private final Progress progress;

	BroadcastService(AggregateStore store, MongoTemplate mongo, RecipientProjection recipients, Progress progress) {
		this.store = store;
		this.mongo = mongo;
		this.recipients = recipients;
		this.progress = progress;
	}

	Broadcast create(KimPrincipal principal, String idempotencyKey, Broadcast.Content content) {
		requireAccess(principal);
		Broadcast.Content scoped = scoped(principal, content);
		String id = IdempotencyKeys.idFor("broadcast", principal.id(), idempotencyKey);
		String agencyKabupaten = principal.isOperator() ? null : principal.kabupaten();
		return this.store.insertOrGet(Broadcast.draft(id, scoped, principal.id(), agencyKabupaten, Instant.now()),
				() -> get(principal, id));
	}

	Broadcast get(KimPrincipal principal, String id) {
		requireAccess(principal);
		Broadcast broadcast = this.store.findById(id, Broadcast.class)
			.orElseThrow(() -> ApiException.notFound("broadcast", id));
		if (!principal.isOperator() && !isOwnKabupaten(principal, broadcast.getTarget())) {
			throw ApiException.notFound("broadcast", id);
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
		Broadcast broadcast = changeable(principal, id, "edit");
		ETags.checkIfMatch(ifMatch, broadcast.getVersion());
		Broadcast.Content content = new Broadcast.Content(
				(patch.title() != null) ? patch.title() : broadcast.getTitle(),
				(patch.message() != null) ? patch.message() : broadcast.getMessage(),
				(patch.channels() != null) ? distinct(patch.channels()) : broadcast.getChannels(),
				(patch.priority() != null) ? patch.priority() : broadcast.getPriority(),
				(patch.target() != null) ? patch.target() : broadcast.getTarget());
		if (!broadcast.edit(scoped(principal, content), principal.id(), Instant.now())) {
			return broadcast;
		}
		return this.store.save(broadcast);
	}

	Broadcast submit(KimPrincipal principal, String id, String ifMatch) {
		Broadcast broadcast = changeable(principal, id, "submit");
		ETags.checkIfMatch(ifMatch, broadcast.getVersion());
		broadcast.submit(Instant.now());
		return this.store.save(broadcast);
	}

	Broadcast approve(KimPrincipal principal, String id, String ifMatch) {
		Broadcast broadcast = get(principal, id);
		if (!principal.isOperator()) {
			throw ApiException.forbidden("only an operator may approve a broadcast");
		}
		ETags.checkIfMatch(ifMatch, broadcast.getVersion());
		broadcast.approve(principal.id(), Instant.now());
		return this.store.save(broadcast);
	}

	Broadcast reject(KimPrincipal principal, String id, String ifMatch, String reason) {
		Broadcast broadcast = get(principal, id);
		if (!principal.isOperator()) {
			throw ApiException.forbidden("only an operator may reject a broadcast");
		}
		ETags.checkIfMatch(ifMatch, broadcast.getVersion());
		broadcast.reject(reason, Instant.now());
		return this.store.save(broadcast);
	}

	Broadcast cancel(KimPrincipal principal, String id, String ifMatch) {
		Broadcast broadcast = changeable(principal, id, "cancel");
		ETags.checkIfMatch(ifMatch, broadcast.getVersion());
		broadcast.cancel(Instant.now());
		return this.store.save(broadcast);
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
		body.put("recipients", (broadcast.getRecipients() != null) ? broadcast.getRecipients() : 0);
		body.putAll(this.progress.countsFor(id));
		return body;
	}

	/**
	 * A broadcast the caller may change: operators any, an agency only one it wrote (one
	 * of its kabupaten it did not write is 403, one of another kabupaten stays 404).
	 */
	private Broadcast changeable(KimPrincipal principal, String id, String action) {
		Broadcast broadcast = get(principal, id);
		if (!principal.isOperator() && !principal.id().equals(broadcast.getAuthor())) {
			throw ApiException.forbidden("not-author", "an agency may " + action
					+ " only the broadcasts it wrote; this one is " + broadcast.getAuthor() + "'s");
		}
		return broadcast;
	}

	private static void requireAccess(KimPrincipal principal) {
		if (!principal.isOperator() && !(principal.has(Role.AGENCY) && principal.kabupaten() != null)) {
			throw ApiException.forbidden("broadcasts are for operators and agencies");
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
			throw ApiException.invalid(errors);
		}
		if (!principal.isOperator()) {
			if (target.kabupaten().isEmpty()) {
				target = new BroadcastTarget(List.of(principal.kabupaten()), target.groups(), target.gender(),
						target.ageGroup(), target.occupation(), target.setting());
			}
			else if (!isOwnKabupaten(principal, target)) {
				throw ApiException.forbidden("an agency may only target its own kabupaten");
			}
		}
		return new Broadcast.Content(content.title(), content.message(), distinct(content.channels()),
				content.priority(), target);
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

	}

}
