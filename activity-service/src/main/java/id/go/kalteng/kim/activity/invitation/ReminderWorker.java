package id.go.kalteng.kim.activity.invitation;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Looks for due reminders every {@code reminder-poll} while the service runs. */
@Component
class ReminderWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReminderWorker.class);

	private final ReminderSender sender;

	private final NoticeProperties properties;

	private ScheduledExecutorService timer;

	ReminderWorker(ReminderSender sender, NoticeProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "activity-reminders");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.reminderPoll().toMillis();
		this.timer.scheduleWithFixedDelay(this::sendDue, interval, interval, TimeUnit.MILLISECONDS);
	}

	private void sendDue() {
		try {
			this.sender.sendDue();
		}
		catch (RuntimeException ex) {
			// the claims run out; the next round or instance sends them
			log.warn("sending due reminders failed: {}", ex.getMessage());
		}
	}

	@Override
	public synchronized void stop() {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

}
