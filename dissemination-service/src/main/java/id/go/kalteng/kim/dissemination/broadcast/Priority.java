package id.go.kalteng.kim.dissemination.broadcast;

/** How urgently a broadcast goes out. */
public enum Priority {

	/** Ordinary information. */
	NORMAL,

	/** Warnings that jump the queue. */
	URGENT

}
