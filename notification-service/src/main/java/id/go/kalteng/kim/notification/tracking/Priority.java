package id.go.kalteng.kim.notification.tracking;

import java.util.Locale;

/**
 * How urgent a notification is: URGENT (disaster warnings) is always sent before NORMAL.
 */
public enum Priority {

	/** Disaster warnings: floods, forest and peat fires, haze. */
	URGENT(0),
	/** Everything else. */
	NORMAL(1);

	private final int rank;

	Priority(int rank) {
		this.rank = rank;
	}

	/** Sort key of the claim query: lower is sent first. */
	public int rank() {
		return this.rank;
	}

	/** The priority named, NORMAL when none or an unknown one is. */
	public static Priority parse(String name) {
		return (name != null && "URGENT".equals(name.trim().toUpperCase(Locale.ROOT))) ? URGENT : NORMAL;
	}

}
