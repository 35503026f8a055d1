package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.support.outbox.AggregateRoot;
import id.go.kalteng.kim.support.web.ApiException;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An information broadcast: drafted, submitted, approved by a second operator (four
 * eyes), then fanned out to its recipients.
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

	private String scope;

	private BroadcastStatus status;

	private String approvedBy;

	private String rejectionReason;

	private Integer recipients;

	private final Instant createdAt;

	private Instant updatedAt;

	@PersistenceCreator
	Broadcast(String id, String title, String message, List<Channel> channels, Priority priority,
			BroadcastTarget target, String author, String scope, BroadcastStatus status, String approvedBy,
			String rejectionReason, Integer recipients, Instant createdAt, Instant updatedAt) {
		super(id);
		this.title = title;
		this.message = message;
		this.channels = channels;
		this.priority = priority;
		this.target = target;
		this.author = author;
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
	 * @param now the time
	 * @return the draft
	 */
	public static Broadcast draft(String id, Content content, String author, Instant now) {
		BroadcastTarget target = normalize(content.target());
		return new Broadcast(id, content.title(), content.message(), List.copyOf(content.channels()),
				content.priority(), target, author, scopeOf(target), BroadcastStatus.DRAFT, null, null, null, now, now);
	}

	/**
	 * Changes the content while the broadcast is a draft or was rejected.
	 * @param content the new content
	 * @param now the time
	 */
	public void edit(Content content, Instant now) {
		require("edit", BroadcastStatus.DRAFT, BroadcastStatus.REJECTED);
		this.title = content.title();
		this.message = content.message();
		this.channels = List.copyOf(content.channels());
		this.priority = content.priority();
		this.target = normalize(content.target());
		this.scope = scopeOf(this.target);
		this.status = BroadcastStatus.DRAFT;
		this.rejectionReason = null;
		this.updatedAt = now;
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
	 * Approves the broadcast: only someone other than the author may.
	 * @param approver the approving operator
	 * @param now the time
	 */
	public void approve(String approver, Instant now) {
		require("approve", BroadcastStatus.PENDING_APPROVAL);
		if (Objects.equals(approver, this.author)) {
			throw ApiException.ruleViolated("four-eyes", "the author of a broadcast cannot approve it");
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
		throw ApiException.ruleViolated("broadcast-state", "cannot " + action + " a broadcast that is " + this.status);
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

	/**
	 * The editable content of a broadcast.
	 *
	 * @param title the title
	 * @param message the text sent
	 * @param channels channel preference list
	 * @param priority the priority
	 * @param target who receives it
	 */
	public record Content(String title, String message, List<Channel> channels, Priority priority,
			BroadcastTarget target) {

	}

}
