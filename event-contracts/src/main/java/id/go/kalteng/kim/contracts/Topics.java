package id.go.kalteng.kim.contracts;

/**
 * Kafka topic names: one per owning service for its domain events, one per cross-service
 * command.
 */
public final class Topics {

	public static final String GROUP_EVENTS = "kim.group.events";

	public static final String ACTIVITY_EVENTS = "kim.activity.events";

	public static final String DISSEMINATION_EVENTS = "kim.dissemination.events";

	public static final String NOTIFICATION_EVENTS = "kim.notification.events";

	public static final String NOTIFICATION_REQUESTS = "kim.notification.requests";

	/**
	 * Requests of URGENT priority (disaster warnings): a topic of their own, read by its
	 * own consumer, so they overtake any backlog of NORMAL requests instead of waiting
	 * behind it in a partition.
	 */
	public static final String NOTIFICATION_URGENT_REQUESTS = "kim.notification.urgent-requests";

	private Topics() {
	}

}
