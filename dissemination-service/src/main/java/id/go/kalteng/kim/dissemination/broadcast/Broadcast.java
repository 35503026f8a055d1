package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.support.domain.DomainException;
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
				&& newTarget.equals(this.target)) {
			return false;
		}
		this.title = content.title();
		this.message = content.message();
		this.channels = newChannels;
		this.priority = content.priority();
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
		this.status = BroadcastStatus.APPROVED;
		this.approvedBy = approver;
		this.updatedAt = now;
		record(new BroadcastApprovedEvent(getId(), this.scope, this.title, this.message,
				this.channels.stream().map(Channel::name).toList(), this.priority.name(), this.target, this.author,
				approver, now));
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
	 * Withdraws the broadcast before it is approved.
	 * @param now the time
	 */
	public void cancel(Instant now) {
		require("cancel", BroadcastStatus.DRAFT, BroadcastStatus.PENDING_APPROVAL, BroadcastStatus.REJECTED);
		this.status = BroadcastStatus.CANCELLED;
		this.updatedAt = now;
	}

	/**
	 * Records the fan-out; a repeated fan-out changes nothing.
	 * @param recipientCount how many notifications were requested
	 * @param now the time
	 * @return whether the broadcast changed
	 */
	public boolean markSending(int recipientCount, Instant now) {
		if (this.status == BroadcastStatus.SENDING) {
			return false;
		}
		require("send", BroadcastStatus.APPROVED);
		this.status = BroadcastStatus.SENDING;
		this.recipients = recipientCount;
		this.updatedAt = now;
		return true;
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
	 * The editable content of a broadcast.
	 *
	 * @param title the title
	 * @param message the text sent
	 * @param channels channel preference list
	 * @param priority the priority
	 * @param target who receives it
	 * @param whatsappTemplate the approved WhatsApp template to send it in (optional;
	 * chosen when the broadcast is drafted)
	 */
	public record Content(String title, String message, List<Channel> channels, Priority priority,
			BroadcastTarget target, WhatsAppTemplate whatsappTemplate) {

		/** Content without a WhatsApp template of its own. */
		public Content(String title, String message, List<Channel> channels, Priority priority,
				BroadcastTarget target) {
			this(title, message, channels, priority, target, null);
		}

	}

}
