package id.go.kalteng.kim.stream.publiclog;

import java.time.Duration;

import org.apache.kafka.clients.consumer.Consumer;

import org.springframework.context.SmartLifecycle;

/**
 * A Kafka consumer polled on a thread of its own, started and stopped with the
 * application: {@link #stop()} ends the loop, wakes the consumer out of its poll and
 * waits for the thread. Subclasses poll while {@link #running()} and tell which consumer
 * they poll ({@link #polling}), so that a stop can wake it.
 */
public abstract class ConsumerLoop implements SmartLifecycle {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	private final String threadName;

	private volatile boolean running;

	private volatile Thread worker;

	private volatile Consumer<String, byte[]> consumer;

	protected ConsumerLoop(String threadName) {
		this.threadName = threadName;
	}

	/** Whether the loop should run at all (configuration). */
	protected abstract boolean enabled();

	/** The loop: polls while {@link #running()}. */
	protected abstract void loop();

	/** Whether the loop should go on. */
	protected final boolean running() {
		return this.running;
	}

	/**
	 * Names the consumer the loop polls now, or none.
	 * @param consumer the consumer, or null when it is closed
	 */
	protected final void polling(Consumer<String, byte[]> consumer) {
		this.consumer = consumer;
	}

	@Override
	public void start() {
		if (this.running || !enabled()) {
			return;
		}
		this.running = true;
		Thread thread = new Thread(this::loop, this.threadName);
		thread.setDaemon(true);
		this.worker = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Consumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		Thread thread = this.worker;
		if (thread != null) {
			try {
				thread.join(STOP_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.worker = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
