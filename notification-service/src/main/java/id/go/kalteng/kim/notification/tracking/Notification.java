package id.go.kalteng.kim.notification.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message to one phone on one channel. Its id comes from the request (derived from
 * source, recipient and channel), so a repeated request finds it instead of making a
 * second one. It decides every status change (forward only, see
 * {@link NotificationStatus}) and announces each published one.
 */
@Document(Notification.COLLECTION)
public class Notification extends AggregateRoot {

	/** The collection of notifications. */
	public static final String COLLECTION = "notifications";

	/**
	 * Reason of a notification whose send may or may not have reached the provider (a
	 * timeout after the request went out, a worker that died while sending) on a provider
	 * that could send it twice: {@link NotificationStatus#UNKNOWN} until a delivery
	 * report tells.
	 */
	public static final String UNKNOWN_OUTCOME = "unknown-outcome";

	/** Reason of a notification whose every attempt failed. */
	public static final String MAX_ATTEMPTS = "max-attempts-exceeded";

	/** Reason of a notification whose recipient opted out of the channel. */
	public static final String OPTED_OUT = "opted-out";

	/**
	 * Reason of a notification that was never sent because its member's personal data was
	 * erased (UU PDP).
	 */
	public static final String ERASED = "erased";

	/** Reason of a notification not sent because its {@code expiresAt} passed. */
	public static final String EXPIRED = "expired";

	/** Reason of a WhatsApp notification naming a template that is not approved. */
	public static final String UNKNOWN_TEMPLATE = "unknown-whatsapp-template";

	/**
	 * Reason of a WhatsApp notification giving its template another number of variables
	 * than the template takes.
	 */
	public static final String TEMPLATE_VARIABLES = "whatsapp-template-variables";

	private String sourceType;

	private String sourceId;

	private String kabupaten;

	private String memberId;

	private String phone;

	/** The phone's pseudonymous id, computed once at intake: how erasures find it. */
	private String phoneHash;

	private Channel channel;

	private String text;

	private Priority priority;

	private int priorityRank;

	private NotificationStatus status;

	private String reason;

	private int attempts;

	private Instant nextAttemptAt;

	private Instant claimedAt;

	private String claimToken;

	private String providerMessageId;

	private String lastError;

	private Instant requestedAt;

	/** Not handed to a provider by then, it is not sent (EXPIRED); null for never. */
	private Instant expiresAt;

	/**
	 * Whether delivery reports follow its SENT (its provider gives them); null until
	 * sent.
	 */
	private Boolean reportsExpected;

	private Instant sentAt;

	private Instant updatedAt;

	private boolean erased;

	private Instant erasedAt;

	/** The approved WhatsApp template the request named; null for the default. */
	private NotificationRequestedEvent.WhatsAppTemplate whatsappTemplate;

	/** Channels the member consented to that may carry the message instead. */
	private List<Channel> fallbackChannels;

	/** The notification this one replaces (it is a fallback), or null. */
	private String fallbackOf;

	/** The fallback that replaces this notification, once it has one. */
	private String fallbackNotificationId;

	/**
	 * Whether the opt-out does not stop it: the confirmation of an opt-out, which the
	 * phone must still receive.
	 */
	private boolean confirmation;

	@PersistenceCreator
	private Notification() {
		super(null);
	}

	private Notification(NotificationRequestedEvent request, String phone, String phoneHash, Channel channel,
			Instant now) {
		super(request.notificationId());
		this.sourceType = request.sourceType();
		this.sourceId = request.sourceId();
		this.kabupaten = request.kabupaten();
		this.memberId = request.memberId();
		this.phone = phone;
		this.phoneHash = phoneHash;
		this.channel = channel;
		this.text = request.text();
		this.priority = Priority.parse(request.priority());
		this.priorityRank = this.priority.rank();
		this.requestedAt = (request.requestedAt() != null) ? request.requestedAt() : now;
		this.expiresAt = request.expiresAt();
		this.nextAttemptAt = now;
		this.updatedAt = now;
		this.whatsappTemplate = request.whatsappTemplate();
		List<Channel> fallbacks = new ArrayList<>();
		if (request.fallbackChannels() != null) {
			for (String name : request.fallbackChannels()) {
				Channel.parse(name).filter((c) -> c != channel && !fallbacks.contains(c)).ifPresent(fallbacks::add);
			}
		}
		this.fallbackChannels = fallbacks.isEmpty() ? null : List.copyOf(fallbacks);
	}

	/** The id of the fallback of a notification on a channel: the same however often. */
	public static String fallbackIdOf(String notificationId, Channel channel) {
		return UUID.nameUUIDFromBytes((notificationId + "|fallback|" + channel).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	/**
	 * The fallback of a notification its channel cannot deliver: the same message to the
	 * same phone on the next channel the member consented to, queued, linked to the first
	 * (its id derives from the first's, so it is made once).
	 * @return empty when the notification has no fallback channel left
	 */
	public Optional<Notification> fallback(Instant now) {
		if (this.fallbackChannels == null || this.fallbackChannels.isEmpty() || this.phone == null || this.erased) {
			return Optional.empty();
		}
		Channel next = this.fallbackChannels.get(0);
		NotificationRequestedEvent request = new NotificationRequestedEvent(fallbackIdOf(getId(), next),
				this.sourceType, this.sourceId, this.kabupaten, this.memberId, this.phone, next.name(), this.text,
				this.priority.name(), this.requestedAt, null,
				this.fallbackChannels.subList(1, this.fallbackChannels.size()).stream().map(Channel::name).toList(),
				this.expiresAt);
		Notification fallback = new Notification(request, this.phone, this.phoneHash, next, now);
		fallback.fallbackOf = (this.fallbackOf != null) ? this.fallbackOf : getId();
		fallback.begin(NotificationStatus.QUEUED, null, now);
		return Optional.of(fallback);
	}

	/**
	 * A confirmation the platform sends in answer to a phone's reply (an opt-out or an
	 * opt-in): URGENT, and sent even though the phone opted out.
	 */
	public static Notification confirmation(String id, String phone, String phoneHash, Channel channel,
			String kabupaten, String text, Instant now) {
		NotificationRequestedEvent request = new NotificationRequestedEvent(id, "SYSTEM", "opt-out-confirmation",
				kabupaten, null, phone, channel.name(), text, Priority.URGENT.name(), now);
		Notification notification = new Notification(request, phone, phoneHash, channel, now);
		notification.confirmation = true;
		notification.begin(NotificationStatus.QUEUED, null, now);
		return notification;
	}

	/** A requested notification that waits for the delivery worker. */
	public static Notification queued(NotificationRequestedEvent request, String phone, String phoneHash,
			Channel channel, Instant now) {
		Notification notification = new Notification(request, phone, phoneHash, channel, now);
		notification.begin(NotificationStatus.QUEUED, null, now);
		return notification;
	}

	/**
	 * A requested notification that is never sent: its phone opted out of the channel.
	 */
	public static Notification suppressed(NotificationRequestedEvent request, String phone, String phoneHash,
			Channel channel, Instant now) {
		Notification notification = new Notification(request, phone, phoneHash, channel, now);
		notification.begin(NotificationStatus.SUPPRESSED, OPTED_OUT, now);
		return notification;
	}

	/**
	 * A requested notification for a member or phone whose personal data was erased:
	 * never sent, and neither the phone, its hash nor the text is kept.
	 */
	public static Notification forErasedMember(NotificationRequestedEvent request, Channel channel, Instant now) {
		Notification notification = new Notification(request, null, null, channel, now);
		notification.forget(now);
		notification.begin(NotificationStatus.SUPPRESSED, ERASED, now);
		return notification;
	}

	/**
	 * A requested notification that cannot be sent as asked (e.g. no valid phone number).
	 */
	public static Notification rejected(NotificationRequestedEvent request, String phone, String phoneHash,
			Channel channel, String reason, Instant now) {
		Notification notification = new Notification(request, phone, phoneHash, channel, now);
		notification.begin(NotificationStatus.FAILED, reason, now);
		return notification;
	}

	/**
	 * A requested notification that is never sent: its source was cancelled before it
	 * arrived, or its {@code expiresAt} passed.
	 * @param status {@link NotificationStatus#CANCELLED} or
	 * {@link NotificationStatus#EXPIRED}
	 */
	public static Notification ended(NotificationRequestedEvent request, String phone, String phoneHash,
			Channel channel, NotificationStatus status, String reason, Instant now) {
		if (status != NotificationStatus.CANCELLED && status != NotificationStatus.EXPIRED) {
			throw new IllegalArgumentException("a request is not ended as " + status);
		}
		Notification notification = new Notification(request, phone, phoneHash, channel, now);
		notification.begin(status, reason, now);
		return notification;
	}

	/** The source key of a notification's source, e.g. {@code BROADCAST:b-1}. */
	public static String sourceKey(String sourceType, String sourceId) {
		return sourceType + ":" + sourceId;
	}

	/**
	 * The reason of a notification whose source was cancelled, e.g.
	 * {@code broadcast-cancelled}.
	 */
	public static String cancelledReason(String sourceType) {
		return sourceType.toLowerCase(Locale.ROOT) + "-cancelled";
	}

	/** {@link #sourceKey(String, String)} of this notification. */
	public String sourceKey() {
		return sourceKey(this.sourceType, this.sourceId);
	}

	/** Whether its {@code expiresAt} has passed: then it is not sent any more. */
	public boolean isExpired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/**
	 * Its source was cancelled (an operator stopped the broadcast): not sent, CANCELLED,
	 * unless a provider may have it already (then its status stays).
	 * @return whether it changed
	 */
	public boolean cancel(Instant now) {
		return advance(NotificationStatus.CANCELLED, cancelledReason(this.sourceType), now);
	}

	/**
	 * Ends it EXPIRED when its {@code expiresAt} passed before a provider got it.
	 * @return whether it changed
	 */
	public boolean expire(Instant now) {
		return isExpired(now) && advance(NotificationStatus.EXPIRED, EXPIRED, now);
	}

	private void begin(NotificationStatus initial, String reason, Instant now) {
		this.status = initial;
		this.reason = reason;
		record(statusChanged(null, now));
	}

	/**
	 * Whether a worker may take the notification to send it now: it is
	 * {@link NotificationStatus#QUEUED} and due (its next attempt is not in the future).
	 * The delivery queue asks the database the same question, in one atomic update with
	 * {@link #claim}, so that two workers never both take it.
	 */
	public boolean isClaimable(Instant now) {
		return this.status == NotificationStatus.QUEUED && !this.nextAttemptAt.isAfter(now);
	}

	/**
	 * A worker takes the notification to send it, when it {@link #isClaimable is
	 * claimable}: SENDING, the claim's time (its lease) and token recorded, one more
	 * attempt.
	 */
	public boolean claim(String token, Instant now) {
		if (!isClaimable(now)) {
			return false;
		}
		this.status = NotificationStatus.SENDING;
		this.claimToken = token;
		this.claimedAt = now;
		this.attempts++;
		this.updatedAt = now;
		return true;
	}

	/** The provider took the message; its delivery reports will follow. */
	public boolean sent(String providerMessageId, Instant now) {
		return sent(providerMessageId, true, now);
	}

	/**
	 * The provider took the message.
	 * @param reportsFollow whether the provider gives delivery reports: when not, the
	 * SENT is the notification's last status ({@code terminal})
	 */
	public boolean sent(String providerMessageId, boolean reportsFollow, Instant now) {
		boolean changed = false;
		if (this.reportsExpected == null && canMoveTo(NotificationStatus.SENT)) {
			this.reportsExpected = reportsFollow;
		}
		if (this.providerMessageId == null && providerMessageId != null) {
			this.providerMessageId = providerMessageId;
			changed = true;
		}
		if (this.sentAt == null) {
			this.sentAt = now;
			changed = true;
		}
		return advance(NotificationStatus.SENT, null, now) || changed;
	}

	/**
	 * The provider answered that it did not take the message, in a way that may pass
	 * (refused connection, rate limit, outage): queued again after a backoff, or FAILED
	 * when it was the last attempt. Only the worker holding the claim may release it.
	 */
	public boolean sendFailed(String token, String error, RetryPlan plan, Instant now) {
		if (!isClaimedBy(token)) {
			return false;
		}
		settleAttempt(error, plan);
		if (this.attempts >= plan.maxAttempts()) {
			return advance(NotificationStatus.FAILED, MAX_ATTEMPTS, now);
		}
		requeue(now.plus(plan.backoff()), now);
		return true;
	}

	/**
	 * The provider may have taken the message, or not (a timeout after the request went
	 * out, a broken connection): sent again after a backoff only when the provider
	 * deduplicates by notification id and attempts are left; otherwise
	 * {@link NotificationStatus#UNKNOWN} with {@link #UNKNOWN_OUTCOME}, never resent,
	 * never FAILED for it, until a delivery report tells.
	 */
	public boolean outcomeUnknown(String token, String error, boolean resendSafe, RetryPlan plan, Instant now) {
		if (!isClaimedBy(token)) {
			return false;
		}
		settleAttempt(error, plan);
		if (resendSafe && this.attempts < plan.maxAttempts()) {
			requeue(now.plus(plan.backoff()), now);
			return true;
		}
		return advance(NotificationStatus.UNKNOWN, UNKNOWN_OUTCOME, now);
	}

	private boolean isClaimedBy(String token) {
		return this.status == NotificationStatus.SENDING && token != null && token.equals(this.claimToken);
	}

	private void settleAttempt(String error, RetryPlan plan) {
		this.lastError = error;
		if (!plan.attemptCounts()) {
			// the claim counted it; an attempt during a provider outage is given back
			this.attempts = Math.max(0, this.attempts - 1);
		}
	}

	/** The provider refused the message for good (e.g. an invalid number). */
	public boolean refused(String reason, Instant now) {
		return advance(NotificationStatus.FAILED, reason, now);
	}

	/**
	 * The channel cannot reach the phone (not on WhatsApp, undeliverable): FAILED, and
	 * when a fallback replaces it, linked to it so that the person is counted by the
	 * fallback.
	 */
	public boolean unreachable(String reason, String fallbackId, Instant now) {
		if (!canMoveTo(NotificationStatus.FAILED)) {
			return false;
		}
		this.fallbackNotificationId = fallbackId;
		return advance(NotificationStatus.FAILED, reason, now);
	}

	/** The recipient opted out of the channel before the message went out. */
	public boolean suppress(String reason, Instant now) {
		return advance(NotificationStatus.SUPPRESSED, reason, now);
	}

	/**
	 * The member's personal data was erased (UU PDP): the notification forgets the phone,
	 * its hash and the text (the status, reason, attempts and times stay, so that a
	 * broadcast's counts still add up), and one not yet handed to a provider is
	 * SUPPRESSED with {@link #ERASED}.
	 * {@link id.go.kalteng.kim.notification.erasure.Erasures} does the forgetting part
	 * for many notifications at once.
	 * @return whether anything changed (false for a repeat)
	 */
	public boolean erase(Instant now) {
		boolean changed = false;
		if (this.status == NotificationStatus.QUEUED || this.status == NotificationStatus.SENDING) {
			changed = advance(NotificationStatus.SUPPRESSED, ERASED, now);
		}
		if (!this.erased) {
			forget(now);
			changed = true;
		}
		return changed;
	}

	private void forget(Instant now) {
		this.phone = null;
		this.phoneHash = null;
		this.text = null;
		this.lastError = null;
		this.whatsappTemplate = null;
		this.erased = true;
		this.erasedAt = now;
	}

	/**
	 * The worker that claimed the notification did not answer within its lease: it
	 * crashed, or hangs. Workers claim a notification only just before sending it, so its
	 * send had started, and whether the message reached the provider is unknown. A
	 * provider that deduplicates by notification id may safely get it again, so it is
	 * queued again while attempts are left; for any other provider a second send could
	 * reach the phone twice, so the outcome is {@link NotificationStatus#UNKNOWN} until a
	 * delivery report tells, neither resent nor FAILED.
	 */
	public boolean leaseExpired(Instant cutoff, boolean resendSafe, int maxAttempts, Instant now) {
		if (this.status != NotificationStatus.SENDING || this.claimedAt == null || this.claimedAt.isAfter(cutoff)) {
			return false;
		}
		if (resendSafe && this.attempts < maxAttempts) {
			requeue(now, now);
			return true;
		}
		this.lastError = "the worker did not answer within its lease";
		return advance(NotificationStatus.UNKNOWN, UNKNOWN_OUTCOME, now);
	}

	/**
	 * A provider's delivery report (SENT, DELIVERED, READ or FAILED); applied only when
	 * it moves the status forward.
	 */
	public boolean reported(NotificationStatus reported, String reason, Instant now) {
		if (reported == NotificationStatus.SENT) {
			// a provider that reports: more reports follow
			return canMoveTo(NotificationStatus.SENT) && sent(null, true, now);
		}
		if (reported != NotificationStatus.DELIVERED && reported != NotificationStatus.READ
				&& reported != NotificationStatus.FAILED) {
			throw new IllegalArgumentException("a provider cannot report " + reported);
		}
		return advance(reported, reason, now);
	}

	/**
	 * Whether the notification may move to the next status: forward only (an unknown
	 * outcome may still learn that the message went out, or failed).
	 */
	public boolean canMoveTo(NotificationStatus next) {
		return this.status.canAdvanceTo(next);
	}

	private boolean advance(NotificationStatus next, String reason, Instant now) {
		if (!canMoveTo(next)) {
			return false;
		}
		NotificationStatus previous = this.status.published();
		this.status = next;
		this.reason = reason;
		this.claimToken = null;
		this.claimedAt = null;
		this.updatedAt = now;
		if (next.published() != previous) {
			record(statusChanged(previous, now));
		}
		return true;
	}

	private void requeue(Instant nextAttemptAt, Instant now) {
		this.status = NotificationStatus.QUEUED;
		this.nextAttemptAt = nextAttemptAt;
		this.claimToken = null;
		this.claimedAt = null;
		this.updatedAt = now;
	}

	private NotificationStatusChangedEvent statusChanged(NotificationStatus previous, Instant now) {
		return new NotificationStatusChangedEvent(getId(), this.sourceType, this.sourceId, this.kabupaten,
				this.channel.name(), this.status.published().name(), (previous != null) ? previous.name() : null,
				this.reason, now, this.fallbackOf,
				(this.status == NotificationStatus.FAILED) ? this.fallbackNotificationId : null, isTerminal());
	}

	/**
	 * Whether its published status is its last: a final status, a DELIVERED or READ, or a
	 * SENT through a provider that gives no delivery reports. A FAILED that a fallback
	 * replaces is the last of this notification (the fallback's statuses follow under its
	 * own id).
	 */
	public boolean isTerminal() {
		return switch (this.status.published()) {
			case QUEUED, SENDING, UNKNOWN -> false;
			case SENT -> Boolean.FALSE.equals(this.reportsExpected);
			default -> true;
		};
	}

	/**
	 * URGENT notifications' status changes are published before the NORMAL ones waiting
	 * with them in the outbox relay, as they are sent before them.
	 */
	@Override
	public boolean publishesFirst() {
		return this.priority == Priority.URGENT;
	}

	/**
	 * What a failed attempt leads to: how many attempts a notification gets, the wait
	 * before the next one, and whether this one counts (not during a provider outage).
	 *
	 * @param maxAttempts attempts before a notification is FAILED
	 * @param backoff the wait before the next attempt
	 * @param attemptCounts false when the attempt failed because the provider is down
	 * (its circuit breaker is open): such attempts spend nothing
	 */
	public record RetryPlan(int maxAttempts, Duration backoff, boolean attemptCounts) {

	}

	public String getSourceType() {
		return this.sourceType;
	}

	public String getSourceId() {
		return this.sourceId;
	}

	public String getKabupaten() {
		return this.kabupaten;
	}

	public String getMemberId() {
		return this.memberId;
	}

	public String getPhone() {
		return this.phone;
	}

	/** The phone's pseudonymous id; null once erased or when the phone was invalid. */
	public String getPhoneHash() {
		return this.phoneHash;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public String getText() {
		return this.text;
	}

	public Priority getPriority() {
		return this.priority;
	}

	public NotificationStatus getStatus() {
		return this.status;
	}

	public String getReason() {
		return this.reason;
	}

	public int getAttempts() {
		return this.attempts;
	}

	public Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

	public Instant getClaimedAt() {
		return this.claimedAt;
	}

	public String getClaimToken() {
		return this.claimToken;
	}

	public String getProviderMessageId() {
		return this.providerMessageId;
	}

	public String getLastError() {
		return this.lastError;
	}

	public Instant getRequestedAt() {
		return this.requestedAt;
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	/** Whether delivery reports follow its SENT; null until sent. */
	public Boolean getReportsExpected() {
		return this.reportsExpected;
	}

	public Instant getSentAt() {
		return this.sentAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/** Whether the member's personal data was erased: no phone, no text. */
	public boolean isErased() {
		return this.erased;
	}

	public Instant getErasedAt() {
		return this.erasedAt;
	}

	public NotificationRequestedEvent.WhatsAppTemplate getWhatsappTemplate() {
		return this.whatsappTemplate;
	}

	public List<Channel> getFallbackChannels() {
		return (this.fallbackChannels != null) ? this.fallbackChannels : List.of();
	}

	public String getFallbackOf() {
		return this.fallbackOf;
	}

	public String getFallbackNotificationId() {
		return this.fallbackNotificationId;
	}

	/** Whether it confirms a reply and goes out even to a phone that opted out. */
	public boolean isConfirmation() {
		return this.confirmation;
	}

}
