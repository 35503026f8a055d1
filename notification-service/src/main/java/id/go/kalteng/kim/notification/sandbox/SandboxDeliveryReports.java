package id.go.kalteng.kim.notification.sandbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The delivery reports the sandbox gives when told to
 * ({@code kim.notification.sandbox.delivery-reports}): each message it stored is reported
 * DELIVERED a moment later, as a real provider's callback would, so that a local run
 * shows SENT followed by DELIVERED. Off by default: then the sandbox gives no reports and
 * its SENT is a notification's last status.
 */
class SandboxDeliveryReports implements DisposableBean {

	/** How long after the send the report comes. */
	static final Duration DELAY = Duration.ofMillis(500);

	private static final Logger log = LoggerFactory.getLogger(SandboxDeliveryReports.class);

	private final DeliveryReports reports;

	private final Duration delay;

	private final ScheduledExecutorService scheduler;

	SandboxDeliveryReports(DeliveryReports reports, Duration delay) {
		this.reports = reports;
		this.delay = delay;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sandbox-reports");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Reports the notification's message DELIVERED after the delay. */
	void delivered(String notificationId) {
		this.scheduler.schedule(() -> {
			try {
				this.reports.report(notificationId, NotificationStatus.DELIVERED, null);
			}
			catch (RuntimeException ex) {
				log.warn("Sandbox report of notification {} failed: {}", notificationId, ex.toString());
			}
		}, this.delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
