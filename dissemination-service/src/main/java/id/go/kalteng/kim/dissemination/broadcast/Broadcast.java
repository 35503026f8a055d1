package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastCancelledEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An information broadcast: drafted, submitted, approved by an operator who neither wrote
 * nor changed it (four eyes), then fanned out to its recipients.
 */
@Document("broadcasts")
public class Broadcast extends AggregateRoot {

	/** The scope of a broadcast targeting several (or all) kabupaten: the province. */
	public static final String PROVINCE = Kabupaten.PROVINCE;

	private String title;

	private String message;

	private List<Channel> channels;

	private Priority priority;

	private BroadcastTarget target;

	private final String author;

	private final String authorKabupaten;

	private List<String> contributors;

	private String scope;

	private BroadcastStatus status;

	private String approvedBy;

	private String rejectionReason;

	private Integer recipients;

	private final Instant createdAt;

	private Instant updatedAt;

	/**
	 * The approved WhatsApp template the author named for business-initiated messages
	 * (null: notification-service's default template carries the message).
	 */
	private WhatsAppTemplate whatsappTemplate;

	/**
	 * Whether its WhatsApp template was checked against notification-service's list
	 * (false: no list had arrived when it was drafted); null without a template.
	 */
	private Boolean whatsappTemplateVerified;

	/** When the fan-out starts (null: at approval). */
	private Instant scheduledAt;

	/** After this no message of the broadcast is handed to a provider (null: never). */
	private Instant expiresAt;

	/** When it ended (COMPLETED, CANCELLED, EXPIRED). */
	private Instant endedAt;

	/** Who cancelled it. */
	private String cancelledBy;

	/**
	 * Whether its fan-out has gone through every recipient (or stopped for good); null on
	 * broadcasts stored before the fan-out streamed (SENDING meant fanned out then).
	 */
	private Boolean fanOutDone;

	/** Recipients the fan-out stopped before because the broadcast was cancelled. */
	private int unsentCancelled;

	/** Recipients the fan-out stopped before because the broadcast expired. */
	private int unsentExpired;

	@PersistenceCreator
	Broadcast(String id, String title, String message, List<Channel> channels, Priority priority,
			BroadcastTarget target, String author, String authorKabupaten, List<String> contributors, String scope,
			BroadcastStatus status, String approvedBy, String rejectionReason, Integer recipients, Instant createdAt,
			Instant updatedAt) {
		super(id);
		this.title = title;
		this.message = message;
		this.channels = channels;
		this.priority = priority;
		this.target = target;
		this.author = author;
		this.authorKabupaten = authorKabupaten;
		// broadcasts stored before contributors were kept: the author wrote all of it
		this.contributors = (contributors != null) ? new ArrayList<>(contributors) : new ArrayList<>(List.of(author));
		this.scope = scope;
		this.status = status;
		this.approvedBy = approvedBy;
		this.rejectionReason = rejectionReason;
		this.recipients = recipients;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
	}

	/**
	 * Drafts a new broadcast.
	 * @param id the id
	 * @param content title, message, channels, priority and target
	 * @param author the author's principal id
	 * @param authorKabupaten the kabupaten of an agency author, whose broadcast never
	 * leaves it; {@code null} for an operator
	 * @param now the time
	 * @return the draft
	 */
	public static Broadcast draft(String id, Content content, String author, String authorKabupaten, Instant now) {
		BroadcastTarget target = normalize(content.target());
		requireWithinAuthorsKabupaten(authorKabupaten, target);
		Broadcast broadcast = new Broadcast(id, content.title(), content.message(), List.copyOf(content.channels()),
				content.priority(), target, author, authorKabupaten, List.of(author), scopeOf(target),
				BroadcastStatus.DRAFT, null, null, null, now, now);
		broadcast.whatsappTemplate = content.whatsappTemplate();
		broadcast.scheduledAt = content.scheduledAt();
		broadcast.expiresAt = content.expiresAt();
		broadcast.requireTimes(now, true, true);
		return broadcast;
	}

	/**
	 * Changes the content before approval. Whoever changes it becomes a contributor, who
	 * may no longer approve it; a change to a submitted broadcast sends it back to DRAFT,
	 * so what is approved is what the reviewer read. An edit that changes nothing changes
	 * nothing, not even who contributed.
	 * @param content the new content
	 * @param editor the editing principal's id
	 * @param now the time
	 * @return whether the content changed
	 */
	public boolean edit(Content content, String editor, Instant now) {
		require("edit", BroadcastStatus.DRAFT, BroadcastStatus.PENDING_APPROVAL, BroadcastStatus.REJECTED);
		BroadcastTarget newTarget = normalize(content.target());
		requireWithinAuthorsKabupaten(this.authorKabupaten, newTarget);
		List<Channel> newChannels = content.channels().stream().distinct().toList();
		if (Objects.equals(content.title(), this.title) && Objects.equals(content.message(), this.message)
				&& newChannels.equals(this.channels) && content.priority() == this.priority
				&& newTarget.equals(this.target) && Objects.equals(content.scheduledAt(), this.scheduledAt)
				&& Objects.equals(content.expiresAt(), this.expiresAt)
				&& Objects.equals(content.whatsappTemplate(), this.whatsappTemplate)) {
			return false;
		}
		Instant oldScheduledAt = this.scheduledAt;
		Instant oldExpiresAt = this.expiresAt;
		this.scheduledAt = content.scheduledAt();
		this.expiresAt = content.expiresAt();
		try {
			requireTimes(now, !Objects.equals(oldScheduledAt, this.scheduledAt),
					!Objects.equals(oldExpiresAt, this.expiresAt));
		}
		catch (DomainException ex) {
			this.scheduledAt = oldScheduledAt;
			this.expiresAt = oldExpiresAt;
			throw ex;
		}
		this.title = content.title();
		this.message = content.message();
		this.channels = newChannels;
		this.priority = content.priority();
		this.whatsappTemplate = content.whatsappTemplate();
		this.target = newTarget;
		this.scope = scopeOf(this.target);
		if (!this.contributors.contains(editor)) {
			this.contributors.add(editor);
		}
		this.status = BroadcastStatus.DRAFT;
		this.rejectionReason = null;
		this.updatedAt = now;
		return true;
	}

	/**
	 * Asks for approval.
	 * @param now the time
	 */
	public void submit(Instant now) {
		require("submit", BroadcastStatus.DRAFT, BroadcastStatus.REJECTED);
		this.status = BroadcastStatus.PENDING_APPROVAL;
		this.rejectionReason = null;
		this.updatedAt = now;
	}

	/**
	 * Approves the broadcast: only someone who neither wrote nor changed it may.
	 * @param approver the approving operator
	 * @param now the time
	 */
	public void approve(String approver, Instant now) {
		require("approve", BroadcastStatus.PENDING_APPROVAL);
		if (this.contributors.contains(approver)) {
			throw DomainException.ruleViolated("four-eyes",
					approver + " wrote or changed this broadcast and cannot approve it: someone who did neither must");
		}
		if (this.expiresAt != null && !this.expiresAt.isAfter(now)) {
			throw DomainException.ruleViolated("broadcast-expired",
					"its expiresAt " + this.expiresAt + " has passed: change it and submit again");
		}
		this.approvedBy = approver;
		this.updatedAt = now;
		this.fanOutDone = false;
		if (this.scheduledAt != null && this.scheduledAt.isAfter(now)) {
			this.status = BroadcastStatus.SCHEDULED;
			return;
		}
		release(now);
	}

	/**
	 * A scheduled broadcast whose time has come starts its fan-out (its approval event is
	 * recorded); one whose {@code expiresAt} passed meanwhile ends EXPIRED. Whoever saves
	 * this change first wins (a compare-and-set on the document's version), so with
	 * several instances it happens once.
	 * @param now the time
	 * @return whether it changed
	 */
	public boolean releaseIfDue(Instant now) {
		if (this.status != BroadcastStatus.SCHEDULED || (this.scheduledAt != null && this.scheduledAt.isAfter(now))) {
			return false;
		}
		if (isExpiredAt(now)) {
			end(BroadcastStatus.EXPIRED, now);
			return true;
		}
		release(now);
		return true;
	}

	private void release(Instant now) {
		this.status = BroadcastStatus.APPROVED;
		this.updatedAt = now;
		record(new BroadcastApprovedEvent(getId(), this.scope, this.title, this.message,
				this.channels.stream().map(Channel::name).toList(), this.priority.name(), this.target, this.author,
				this.approvedBy, now));
	}

	/**
	 * Its {@code expiresAt} has passed: a broadcast whose fan-out has not begun ends
	 * EXPIRED (nothing was sent); one sending ends COMPLETED (the messages not yet handed
	 * to a provider end EXPIRED at notification-service and in the fan-out).
	 * @param now the time
	 * @return whether it changed
	 */
	public boolean expireIfDue(Instant now) {
		if (!isExpiredAt(now)) {
			return false;
		}
		return switch (this.status) {
			case SCHEDULED -> {
				end(BroadcastStatus.EXPIRED, now);
				yield true;
			}
			case APPROVED -> {
				end(hasRecipients() ? BroadcastStatus.COMPLETED : BroadcastStatus.EXPIRED, now);
				yield true;
			}
			case SENDING -> {
				end(BroadcastStatus.COMPLETED, now);
				yield true;
			}
			default -> false;
		};
	}

	/**
	 * Whether its {@code expiresAt} has passed.
	 * @param now the time
	 * @return true when it has one and it is not after now
	 */
	public boolean isExpiredAt(Instant now) {
		return this.expiresAt != null && !this.expiresAt.isAfter(now);
	}

	/**
	 * Every recipient's message is final (and the fan-out done): the broadcast ends
	 * COMPLETED.
	 * @param finalMessages how many of its messages have a final status (including those
	 * the fan-out never sent)
	 * @param now the time
	 * @return whether it changed
	 */
	public boolean completeIfDone(long finalMessages, Instant now) {
		if (this.status != BroadcastStatus.SENDING || !Boolean.TRUE.equals(this.fanOutDone)
				|| finalMessages < recipientCount()) {
			return false;
		}
		end(BroadcastStatus.COMPLETED, now);
		return true;
	}

	private void end(BroadcastStatus ended, Instant now) {
		this.status = ended;
		this.endedAt = now;
		this.updatedAt = now;
	}

	private boolean hasRecipients() {
		return this.recipients != null && this.recipients > 0;
	}

	private int recipientCount() {
		return (this.recipients != null) ? this.recipients : 0;
	}

	/**
	 * Whether the fan-out still has to (or may again) go through the recipients: approved
	 * and not yet fanned out. A repeated approval event of a broadcast fanned out or
	 * ended changes nothing.
	 * @return true while the fan-out is due
	 */
	public boolean needsFanOut() {
		return this.status == BroadcastStatus.APPROVED
				|| (this.status == BroadcastStatus.SENDING && Boolean.FALSE.equals(this.fanOutDone));
	}

	/**
	 * The fan-out stored and requested the messages of its first {@code chosen}
	 * recipients (in its fixed order): progress shows them at once. A redone fan-out
	 * repeats the same numbers and changes nothing.
	 * @param chosen recipients requested so far
	 * @param now the time
	 * @return whether it changed
	 */
	public boolean dispatched(int chosen, Instant now) {
		if (!needsFanOut() || chosen <= recipientCount() && this.status == BroadcastStatus.SENDING) {
			return false;
		}
		this.status = BroadcastStatus.SENDING;
		this.recipients = Math.max(chosen, recipientCount());
		this.updatedAt = now;
		return true;
	}

	/**
	 * The fan-out went through every recipient, or stopped because the broadcast was
	 * cancelled or expired: those it did not request count as cancelled or expired.
	 * @param total how many recipients it chose
	 * @param unsent how many of them it did not request (0 when it went through)
	 * @param now the time
	 * @return whether it changed
	 */
	public boolean fanOutFinished(int total, int unsent, Instant now) {
		if (Boolean.TRUE.equals(this.fanOutDone)
				|| this.fanOutDone == null && this.status != BroadcastStatus.APPROVED) {
			return false;
		}
		if (this.status == BroadcastStatus.APPROVED) {
			this.status = BroadcastStatus.SENDING;
		}
		this.fanOutDone = true;
		this.recipients = total;
		if (unsent > 0) {
			if (this.status == BroadcastStatus.CANCELLED) {
				this.unsentCancelled = unsent;
			}
			else {
				this.unsentExpired = unsent;
			}
		}
		this.updatedAt = now;
		return true;
	}

	/**
	 * Whether the fan-out must stop before its next batch.
	 * @param now the time
	 * @return true when cancelled, ended or expired
	 */
	public boolean fanOutMustStop(Instant now) {
		return this.status == BroadcastStatus.CANCELLED || this.status.ended() || isExpiredAt(now);
	}

	/**
	 * Sends the broadcast back to its author.
	 * @param reason why
	 * @param now the time
	 */
	public void reject(String reason, Instant now) {
		require("reject", BroadcastStatus.PENDING_APPROVAL);
		this.status = BroadcastStatus.REJECTED;
		this.rejectionReason = reason;
		this.updatedAt = now;
	}

	/**
	 * Withdraws the broadcast: before approval nothing more happens; once approved,
	 * scheduled or sending, a {@code broadcast-cancelled} event (in the same document
	 * write) tells notification-service to stop every message not yet handed to a
	 * provider, and the fan-out stops before its next batch.
	 * @param by who cancels it
	 * @param now the time
	 */
	public void cancel(String by, Instant now) {
		require("cancel", BroadcastStatus.DRAFT, BroadcastStatus.PENDING_APPROVAL, BroadcastStatus.REJECTED,
				BroadcastStatus.APPROVED, BroadcastStatus.SCHEDULED, BroadcastStatus.SENDING);
		boolean inFlight = this.status == BroadcastStatus.APPROVED || this.status == BroadcastStatus.SENDING;
		boolean approved = inFlight || this.status == BroadcastStatus.SCHEDULED;
		if (this.status == BroadcastStatus.SCHEDULED) {
			// never released: no fan-out will run
			this.fanOutDone = true;
		}
		this.cancelledBy = by;
		end(BroadcastStatus.CANCELLED, now);
		if (approved) {
			record(new BroadcastCancelledEvent(getId(), this.scope, by, null, now));
		}
	}

	/**
	 * As {@link #cancel(String, Instant)} by an unnamed principal.
	 * @param now the time
	 */
	public void cancel(Instant now) {
		cancel(null, now);
	}

	/**
	 * Records the fan-out; a repeated fan-out changes nothing.
	 * @param recipientCount how many notifications were requested
	 * @param now the time
	 * @return whether the broadcast changed
	 */
	public boolean markSending(int recipientCount, Instant now) {
		if (this.status != BroadcastStatus.APPROVED && !needsFanOut()) {
			return false;
		}
		return fanOutFinished(recipientCount, 0, now);
	}

	/**
	 * {@code scheduledAt} must be in the future when set, {@code expiresAt} after now and
	 * after {@code scheduledAt} (checked when set or changed).
	 */
	private void requireTimes(Instant now, boolean scheduledChanged, boolean expiresChanged) {
		List<FieldViolation> errors = new ArrayList<>();
		if (scheduledChanged && this.scheduledAt != null && !this.scheduledAt.isAfter(now)) {
			errors.add(new FieldViolation("scheduledAt", "must be in the future (leave it out to send at approval)",
					this.scheduledAt.toString()));
		}
		if ((scheduledChanged || expiresChanged) && this.expiresAt != null && (!this.expiresAt.isAfter(now)
				|| (this.scheduledAt != null && !this.expiresAt.isAfter(this.scheduledAt)))) {
			errors.add(new FieldViolation("expiresAt", "must be in the future and after scheduledAt",
					this.expiresAt.toString()));
		}
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
	}

	private void require(String action, BroadcastStatus... allowed) {
		for (BroadcastStatus candidate : allowed) {
			if (this.status == candidate) {
				return;
			}
		}
		throw DomainException.ruleViolated("broadcast-state",
				"cannot " + action + " a broadcast that is " + this.status);
	}

	/**
	 * An agency's broadcast stays within the agency's kabupaten, whoever edits it: the
	 * agency keeps seeing all of what it wrote, and never another kabupaten's recipients.
	 */
	private static void requireWithinAuthorsKabupaten(String authorKabupaten, BroadcastTarget target) {
		if (authorKabupaten != null && !List.of(authorKabupaten).equals(target.kabupaten())) {
			throw DomainException.ruleViolated("broadcast-scope",
					"this broadcast was written by the agency of " + authorKabupaten
							+ " and targets exactly that kabupaten; draft a broadcast of your own to reach" + " more");
		}
	}

	static BroadcastTarget normalize(BroadcastTarget target) {
		if (target == null) {
			return new BroadcastTarget(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
		}
		return new BroadcastTarget(copy(target.kabupaten()), copy(target.groups()), copy(target.gender()),
				copy(target.ageGroup()), copy(target.occupation()), copy(target.setting()));
	}

	private static List<String> copy(List<String> values) {
		return (values != null) ? values.stream().filter(Objects::nonNull).distinct().toList() : List.of();
	}

	static String scopeOf(BroadcastTarget target) {
		return (target.kabupaten().size() == 1) ? target.kabupaten().get(0) : PROVINCE;
	}

	public String getTitle() {
		return this.title;
	}

	public String getMessage() {
		return this.message;
	}

	public List<Channel> getChannels() {
		return this.channels;
	}

	public Priority getPriority() {
		return this.priority;
	}

	public BroadcastTarget getTarget() {
		return this.target;
	}

	public String getAuthor() {
		return this.author;
	}

	public String getAuthorKabupaten() {
		return this.authorKabupaten;
	}

	/**
	 * Who wrote or changed the content: the author first, then each editor once. None of
	 * them may approve it.
	 * @return the principal ids
	 */
	public List<String> getContributors() {
		return List.copyOf(this.contributors);
	}

	public String getScope() {
		return this.scope;
	}

	public BroadcastStatus getStatus() {
		return this.status;
	}

	public String getApprovedBy() {
		return this.approvedBy;
	}

	public String getRejectionReason() {
		return this.rejectionReason;
	}

	public Integer getRecipients() {
		return this.recipients;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/** The WhatsApp template the author named; null for the default. */
	public WhatsAppTemplate getWhatsappTemplate() {
		return this.whatsappTemplate;
	}

	/**
	 * Records whether the WhatsApp template could be checked.
	 * @param verified false when no list of templates had arrived
	 */
	void templateChecked(boolean verified) {
		this.whatsappTemplateVerified = (this.whatsappTemplate != null) ? verified : null;
	}

	public Boolean getWhatsappTemplateVerified() {
		return this.whatsappTemplateVerified;
	}

	public Instant getScheduledAt() {
		return this.scheduledAt;
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	public Instant getEndedAt() {
		return this.endedAt;
	}

	/** When it became COMPLETED; null otherwise. */
	public Instant getCompletedAt() {
		return (this.status == BroadcastStatus.COMPLETED) ? this.endedAt : null;
	}

	public String getCancelledBy() {
		return this.cancelledBy;
	}

	/** Whether its fan-out is done (null on broadcasts stored before it was kept). */
	public Boolean getFanOutDone() {
		return this.fanOutDone;
	}

	public int getUnsentCancelled() {
		return this.unsentCancelled;
	}

	public int getUnsentExpired() {
		return this.unsentExpired;
	}

	/**
	 * The editable content of a broadcast.
	 *
	 * @param title the title
	 * @param message the text sent
	 * @param channels channel preference list
	 * @param priority the priority
	 * @param target who receives it
	 * @param whatsappTemplate the approved WhatsApp template to send it in (optional;
	 * chosen when the broadcast is drafted)
	 * @param scheduledAt when the fan-out starts (optional: at approval)
	 * @param expiresAt after this no message is handed to a provider (optional)
	 */
	public record Content(String title, String message, List<Channel> channels, Priority priority,
			BroadcastTarget target, WhatsAppTemplate whatsappTemplate, Instant scheduledAt, Instant expiresAt) {

		/** Content without a WhatsApp template of its own. */
		public Content(String title, String message, List<Channel> channels, Priority priority,
				BroadcastTarget target) {
			this(title, message, channels, priority, target, null);
		}

		/** Content sent at approval, never expiring. */
		public Content(String title, String message, List<Channel> channels, Priority priority, BroadcastTarget target,
				WhatsAppTemplate whatsappTemplate) {
			this(title, message, channels, priority, target, whatsappTemplate, null, null);
		}

	}

}
