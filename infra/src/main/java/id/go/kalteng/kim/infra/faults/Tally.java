package id.go.kalteng.kim.infra.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import id.go.kalteng.kim.infra.faults.ProviderStub.Channel;
import id.go.kalteng.kim.infra.faults.ProviderStub.Send;

/**
 * The checker: what the provider stub took, per intended recipient, against what the
 * suite imported, never against the platform's own counts.
 *
 * @param intended recipients the suite imported and the broadcast targets
 * @param delivered recipients with at least one message taken
 * @param lost intended recipients with none
 * @param duplicated messages taken beyond the first, over all recipients
 * @param allowedDuplicates of those, the ones whose recipient's first message was in
 * flight when a sender was killed (a provider without idempotency keys may then get it
 * twice: at most one each)
 * @param wrongChannel recipients who got a message on a channel they should not have
 * (e.g. SMS although WhatsApp took theirs, or WhatsApp although the number is not on it)
 * @param unexpected messages taken for numbers of the scenario's range that were not
 * intended
 * @param refused requests the stub refused (5xx, 131026): not deliveries
 * @param lastDeliveryNanos System.nanoTime() of the last recipient's first message (0
 * when none)
 * @param lostExamples up to five lost recipients (masked)
 */
public record Tally(int intended, int delivered, int lost, int duplicated, int allowedDuplicates, int wrongChannel,
		int unexpected, int refused, long lastDeliveryNanos, List<String> lostExamples) {

	/**
	 * @param expected each intended recipient (international digits, as the providers get
	 * them) and the channel that should take its message
	 * @param inRange whether a number belongs to this scenario's range
	 * @param sends everything the stub answered
	 * @param inFlightAtKills sequence numbers of requests in flight when a sender was
	 * killed
	 */
	public static Tally of(Map<String, Channel> expected, java.util.function.Predicate<String> inRange,
			List<Send> sends, Set<Long> inFlightAtKills) {
		Map<String, List<Send>> taken = new HashMap<>();
		int unexpected = 0;
		int refused = 0;
		for (Send send : sends) {
			if (!inRange.test(send.phone())) {
				continue;
			}
			if (!send.accepted()) {
				refused++;
				continue;
			}
			if (!expected.containsKey(send.phone())) {
				unexpected++;
				continue;
			}
			taken.computeIfAbsent(send.phone(), (phone) -> new ArrayList<>()).add(send);
		}
		int delivered = 0;
		int duplicated = 0;
		int allowed = 0;
		int wrongChannel = 0;
		long last = 0;
		List<String> lostExamples = new ArrayList<>();
		for (Map.Entry<String, Channel> recipient : expected.entrySet()) {
			List<Send> got = taken.getOrDefault(recipient.getKey(), List.of());
			if (got.isEmpty()) {
				if (lostExamples.size() < 5) {
					lostExamples.add(mask(recipient.getKey()));
				}
				continue;
			}
			delivered++;
			got.sort((a, b) -> Long.compare(a.seq(), b.seq()));
			last = Math.max(last, got.get(0).answeredNanos());
			if (got.size() > 1) {
				duplicated += got.size() - 1;
				if (inFlightAtKills.contains(got.get(0).seq())) {
					allowed++;
				}
			}
			if (got.stream().anyMatch((send) -> send.channel() != recipient.getValue())) {
				wrongChannel++;
			}
		}
		return new Tally(expected.size(), delivered, expected.size() - delivered, duplicated,
				Math.min(allowed, duplicated), wrongChannel, unexpected, refused, last, lostExamples);
	}

	/** Nothing lost, nothing doubled beyond what is allowed, nothing misrouted. */
	public boolean clean() {
		return this.lost == 0 && this.duplicated <= this.allowedDuplicates && this.wrongChannel == 0
				&& this.unexpected == 0;
	}

	/** A number with its middle hidden, as the platform's logs show them. */
	static String mask(String phone) {
		return (phone.length() <= 6) ? "***"
				: phone.substring(0, 4) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 3);
	}

}
