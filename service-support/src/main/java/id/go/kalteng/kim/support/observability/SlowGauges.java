package id.go.kalteng.kim.support.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values cost a query (a count over a collection, a look at the broker's
 * offsets): computed on one background thread every {@code kim.metrics.refresh-interval}
 * (60 s by default), never on a scrape. A count by a field is a full scan on the local
 * MongoDB-wire server, so only small collections (groups, broadcasts) are counted this
 * way; what grows with every message is counted as it happens (counters and timers).
 */
public final class SlowGauges implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SlowGauges.class);

	private final MeterRegistry meters;

	private final Duration interval;

	private final List<Refresh> refreshes = new CopyOnWriteArrayList<>();

	private volatile ScheduledExecutorService timer;

	public SlowGauges(MeterRegistry meters, Duration interval) {
		this.meters = meters;
		this.interval = interval;
	}

	/**
	 * Registers a family of gauges computed together, one row per tag set; a row missing
	 * from the next computation disappears.
	 * @param name the meter name
	 * @param description what it counts
	 * @param compute the rows (called on the background thread only)
	 */
	public void register(String name, String description, Supplier<Map<Tags, Number>> compute) {
		MultiGauge gauge = MultiGauge.builder(name).description(description).register(this.meters);
		this.refreshes.add(new Refresh(name, gauge, compute));
	}

	/** Computes every family now (tests; the timer calls it too). */
	public void refresh() {
		for (Refresh refresh : this.refreshes) {
			try {
				Map<Tags, Number> rows = refresh.compute().get();
				refresh.gauge()
					.register(rows.entrySet()
						.stream()
						.map((row) -> MultiGauge.Row.of(row.getKey(), row.getValue()))
						.toList(), true);
			}
			catch (RuntimeException ex) {
				log.debug("Gauge {} not refreshed: {}", refresh.name(), ex.toString());
			}
		}
	}

	@Override
	public void start() {
		if (this.timer != null || this.interval.isZero() || this.interval.isNegative()) {
			return;
		}
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kim-slow-gauges");
			thread.setDaemon(true);
			return thread;
		});
		// a first value soon after start-up, then at the interval
		this.timer.scheduleWithFixedDelay(this::refresh, Math.min(10_000, this.interval.toMillis()),
				this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.timer;
		this.timer = null;
		if (running != null) {
			running.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

	private record Refresh(String name, MultiGauge gauge, Supplier<Map<Tags, Number>> compute) {

	}

}
