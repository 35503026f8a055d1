package id.go.kalteng.kim.dissemination.broadcast;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.dissemination.recipient.Recipient;

/**
 * Chooses who receives a broadcast and on which channel: recipients of active groups
 * matching every target dimension (empty = no restriction), one message per phone, on the
 * first channel of the preference list the recipient can take. Pure: no I/O.
 */
public final class Targeting {

	/**
	 * Every group is active: for candidates read from the active groups only (the query
	 * did the group check).
	 */
	public static final Set<String> ANY_GROUP = new AnyGroup();

	private Targeting() {
	}

	/**
	 * Hands over the candidates one phone at a time: they come sorted by the number's
	 * keyed hash ({@code ActiveRecipients.streamOfActiveGroups}), so every membership of
	 * one phone is in one run and nothing but that run is held.
	 * @param candidates the candidates, sorted by phone hash
	 * @param onePhone takes each run of one phone's memberships (a list reused after it
	 * returns)
	 * @return how many candidates there were
	 */
	public static long eachPhone(Iterator<Recipient> candidates, Consumer<List<Recipient>> onePhone) {
		List<Recipient> samePhone = new ArrayList<>();
		String phone = null;
		long count = 0;
		while (candidates.hasNext()) {
			Recipient recipient = candidates.next();
			count++;
			if (!Objects.equals(phone, recipient.phoneHash()) && !samePhone.isEmpty()) {
				onePhone.accept(samePhone);
				samePhone.clear();
			}
			phone = recipient.phoneHash();
			samePhone.add(recipient);
		}
		if (!samePhone.isEmpty()) {
			onePhone.accept(samePhone);
		}
		return count;
	}

	/**
	 * What {@link #select} would choose, counted over candidates of the active groups
	 * sorted by phone hash, one phone at a time: a province's preview holds one phone's
	 * memberships, never the whole list.
	 * @param candidates recipients of the active groups, sorted by phone hash
	 * @param target the broadcast's target
	 * @param channels the channel preference list
	 * @return the counts
	 */
	public static Tally tally(Iterator<Recipient> candidates, BroadcastTarget target, List<Channel> channels) {
		Tally tally = new Tally();
		eachPhone(candidates, (samePhone) -> tally.add(select(samePhone, ANY_GROUP, target, channels)));
		return tally;
	}

	/**
	 * Selects the recipients.
	 * @param candidates recipients of the active groups (callers filter by group status)
	 * @param activeGroups ids of the active groups
	 * @param target the broadcast's target
	 * @param channels the channel preference list
	 * @return the selection
	 */
	public static Selection select(List<Recipient> candidates, Set<String> activeGroups, BroadcastTarget target,
			List<Channel> channels) {
		Filter filter = new Filter(target);
		Map<String, List<Recipient>> byPhone = new LinkedHashMap<>();
		for (Recipient recipient : candidates) {
			if (recipient.phone() == null || !activeGroups.contains(recipient.groupId())
					|| !filter.matches(recipient)) {
				continue;
			}
			byPhone.computeIfAbsent(recipient.phone(), (phone) -> new ArrayList<>()).add(recipient);
		}
		List<Chosen> chosen = new ArrayList<>();
		int suppressed = 0;
		for (List<Recipient> samePhone : byPhone.values()) {
			Chosen first = null;
			for (Recipient recipient : samePhone) {
				Channel channel = channelFor(recipient, channels);
				if (channel != null) {
					first = new Chosen(recipient, channel);
					break;
				}
			}
			if (first != null) {
				chosen.add(first);
			}
			else {
				suppressed++;
			}
		}
		return new Selection(List.copyOf(chosen), suppressed);
	}

	/**
	 * The first channel of the preference list the recipient can take.
	 * @param recipient the recipient
	 * @param channels the preference list
	 * @return the channel, or {@code null} when none
	 */
	public static Channel channelFor(Recipient recipient, List<Channel> channels) {
		Recipient.Consent consent = recipient.consent();
		for (Channel channel : channels) {
			if (channel == Channel.WHATSAPP && recipient.whatsapp() && consent != null && consent.whatsapp()) {
				return channel;
			}
			if (channel == Channel.SMS && consent != null && consent.sms()) {
				return channel;
			}
		}
		return null;
	}

	/**
	 * The channels after the chosen one in the preference list that the recipient can
	 * take: where notification-service may carry the message when the chosen channel
	 * cannot reach the phone (e.g. SMS for a member not on WhatsApp).
	 * @param recipient the recipient
	 * @param channels the preference list
	 * @param chosen the channel chosen
	 * @return the fallback channels' names, in order; empty for none
	 */
	public static List<String> fallbacksFor(Recipient recipient, List<Channel> channels, Channel chosen) {
		List<String> fallbacks = new ArrayList<>();
		int from = channels.indexOf(chosen) + 1;
		for (Channel channel : channels.subList(Math.max(0, Math.min(from, channels.size())), channels.size())) {
			if (channel != chosen && channelFor(recipient, List.of(channel)) != null) {
				fallbacks.add(channel.name());
			}
		}
		return fallbacks;
	}

	/**
	 * A target's dimensions as sets, so that matching stays cheap with a target of
	 * thousands of groups and a province of recipients.
	 */
	private static final class Filter {

		private final Set<String> kabupaten;

		private final Set<String> groups;

		private final Set<String> gender;

		private final Set<String> ageGroup;

		private final Set<String> occupation;

		private final Set<String> setting;

		Filter(BroadcastTarget target) {
			this.kabupaten = setOf((target != null) ? target.kabupaten() : null);
			this.groups = setOf((target != null) ? target.groups() : null);
			this.gender = setOf((target != null) ? target.gender() : null);
			this.ageGroup = setOf((target != null) ? target.ageGroup() : null);
			this.occupation = setOf((target != null) ? target.occupation() : null);
			this.setting = setOf((target != null) ? target.setting() : null);
		}

		boolean matches(Recipient recipient) {
			return allows(this.kabupaten, recipient.kabupaten()) && allows(this.groups, recipient.groupId())
					&& allows(this.gender, recipient.gender()) && allows(this.ageGroup, recipient.ageGroup())
					&& allows(this.occupation, recipient.occupation()) && allows(this.setting, recipient.setting());
		}

		/** Empty = no restriction on that dimension. */
		private static boolean allows(Set<String> allowed, String value) {
			return allowed.isEmpty() || allowed.contains(value);
		}

		private static Set<String> setOf(List<String> values) {
			return (values != null) ? new HashSet<>(values) : Set.of();
		}

	}

	/**
	 * A recipient and its channel.
	 *
	 * @param recipient the recipient
	 * @param channel the channel
	 */
	public record Chosen(Recipient recipient, Channel channel) {

	}

	/** The counts of a selection made one phone at a time ({@link #tally}). */
	public static final class Tally {

		private int recipients;

		private int suppressed;

		private final Map<String, Integer> byKabupaten = new TreeMap<>();

		private final Map<String, Integer> byChannel = new TreeMap<>();

		Tally() {
			for (Channel channel : Channel.values()) {
				this.byChannel.put(channel.name(), 0);
			}
		}

		void add(Selection selection) {
			this.recipients += selection.chosen().size();
			this.suppressed += selection.suppressed();
			selection.byKabupaten()
				.forEach((kabupaten, count) -> this.byKabupaten.merge(kabupaten, count, Integer::sum));
			selection.chosen().forEach((c) -> this.byChannel.merge(c.channel().name(), 1, Integer::sum));
		}

		/** One message per phone that can be reached. */
		public int recipients() {
			return this.recipients;
		}

		/** Phones reachable on none of the channels. */
		public int suppressed() {
			return this.suppressed;
		}

		/** Kabupaten code to recipient count. */
		public Map<String, Integer> byKabupaten() {
			return this.byKabupaten;
		}

		/** Channel to recipient count (every channel present). */
		public Map<String, Integer> byChannel() {
			return this.byChannel;
		}

	}

	/**
	 * Every group: see {@link #ANY_GROUP}.
	 */
	private static final class AnyGroup extends HashSet<String> {

		@Override
		public boolean contains(Object group) {
			return true;
		}

	}

	/**
	 * The outcome of targeting.
	 *
	 * @param chosen one entry per phone that can be reached
	 * @param suppressed phones reachable on none of the channels
	 */
	public record Selection(List<Chosen> chosen, int suppressed) {

		/**
		 * Counts per kabupaten.
		 * @return kabupaten code to recipient count
		 */
		public Map<String, Integer> byKabupaten() {
			Map<String, Integer> counts = new TreeMap<>();
			this.chosen.forEach((c) -> counts.merge(c.recipient().kabupaten(), 1, Integer::sum));
			return counts;
		}

		/**
		 * Counts per channel (every channel present).
		 * @return channel to recipient count
		 */
		public Map<String, Integer> byChannel() {
			Map<String, Integer> counts = new TreeMap<>();
			for (Channel channel : Channel.values()) {
				counts.put(channel.name(), 0);
			}
			this.chosen.forEach((c) -> counts.merge(c.channel().name(), 1, Integer::sum));
			return counts;
		}

	}

}
