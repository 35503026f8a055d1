package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * URGENT fan-outs before NORMAL ones in this instance: URGENT approvals have a consumer
 * of their own (they never wait behind a NORMAL fan-out in a partition), and a NORMAL
 * fan-out, before each batch, waits while an URGENT one is running here (at most
 * {@link #LONGEST_WAIT} per batch, so that its consumer keeps polling), so the URGENT one
 * has the database and the producer to itself.
 */
@Component
class FanOutLanes {

	/** The longest a NORMAL batch waits for URGENT fan-outs. */
	static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

	private int urgent;

	/** An URGENT fan-out begins. */
	synchronized void urgentStarted() {
		this.urgent++;
	}

	/** An URGENT fan-out ended (however). */
	synchronized void urgentEnded() {
		this.urgent--;
		notifyAll();
	}

	/** How many URGENT fan-outs run here now. */
	synchronized int urgentRunning() {
		return this.urgent;
	}

	/**
	 * A NORMAL fan-out's next batch waits while an URGENT one runs.
	 * @return whether it had to wait
	 */
	synchronized boolean yieldToUrgent() {
		long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
		boolean waited = false;
		while (this.urgent > 0) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				break;
			}
			waited = true;
			try {
				wait(Math.max(1, left / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while an urgent fan-out ran", ex);
			}
		}
		return waited;
	}

}
