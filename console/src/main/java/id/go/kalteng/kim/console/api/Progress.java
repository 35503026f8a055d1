package id.go.kalteng.kim.console.api;

import java.util.Map;
import java.util.Set;

/**
 * A broadcast's delivery progress: its status and how many of its messages are in each
 * delivery status (the API's {@code /progress}).
 *
 * @param status the broadcast's status
 * @param recipients how many messages the broadcast requested
 * @param queued not yet handed to a provider
 * @param sent handed to a provider
 * @param delivered delivered to the phone
 * @param read read (WhatsApp)
 * @param failed failed, with the provider's reason in the notifications
 * @param suppressed not sent: opted out, erased or cancelled
 */
public record Progress(String status, long recipients, long queued, long sent, long delivered, long read, long failed,
		long suppressed, long cancelled, long expired) {

	/** The broadcast statuses after which nothing changes any more. */
	public static final Set<String> FINAL = Set.of("COMPLETED", "CANCELLED", "REJECTED", "EXPIRED");

	public static Progress of(Map<String, Object> body) {
		return new Progress(String.valueOf(body.getOrDefault("status", "")), number(body, "recipients"),
				number(body, "queued"), number(body, "sent"), number(body, "delivered"), number(body, "read"),
				number(body, "failed"), number(body, "suppressed"), number(body, "cancelled"), number(body, "expired"));
	}

	private static long number(Map<String, Object> body, String key) {
		return (body.get(key) instanceof Number number) ? number.longValue() : 0;
	}

	/**
	 * Messages past the queue: sent, delivered, read, failed, suppressed, or ended unsent
	 * by a cancellation or the expiry.
	 */
	public long processed() {
		return this.sent + this.delivered + this.read + this.failed + this.suppressed + this.cancelled + this.expired;
	}

	/** Whole percent of the recipients processed (0 without recipients). */
	public int percent() {
		return (this.recipients <= 0) ? 0 : (int) Math.min(100, (100 * processed()) / this.recipients);
	}

	public boolean isFinal() {
		return FINAL.contains(this.status);
	}

}
