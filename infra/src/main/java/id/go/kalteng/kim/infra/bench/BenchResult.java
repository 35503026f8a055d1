package id.go.kalteng.kim.infra.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's figures: each row sets a platform path beside the raw limit of what it runs
 * on.
 *
 * @param startedAt when the run began (ISO-8601)
 * @param target which platform was measured (its ports)
 * @param groups groups registered (their joins: the projection catch-up)
 * @param members members per group
 * @param broadcastGroups groups of the P1/P2 broadcast
 * @param pacingGroups groups of the P3 broadcast
 * @param largeGroups groups of the 100,000-recipient run (0: not run)
 * @param rows the measurements, in table order
 */
record BenchResult(String startedAt, String target, int groups, int members, int broadcastGroups, int pacingGroups,
		int largeGroups, List<Row> rows) {

	/**
	 * @param name e.g. {@code P1 fan-out}
	 * @param platform what the platform achieved (null: not measured)
	 * @param baseline the raw limit beside it (null: none)
	 * @param unit e.g. {@code recipients/s}
	 * @param ratio platform / baseline (null when either is missing)
	 * @param note how it was measured, or why it was not
	 * @param raw the raw numbers behind the figure (counts, seconds, breakdowns), for the
	 * JSON
	 */
	record Row(String name, Double platform, Double baseline, String unit, Double ratio, String note,
			Map<String, Object> raw) {

		static Row compared(String name, double platform, double baseline, String unit, String note) {
			return new Row(name, platform, baseline, unit, BenchResult.ratio(platform, baseline), note, Map.of());
		}

		static Row single(String name, double value, String unit, String note) {
			return new Row(name, value, null, unit, null, note, Map.of());
		}

		static Row notMeasured(String name, String note) {
			return new Row(name, null, null, "", null, note, Map.of());
		}

		/** This row with its raw numbers (in the given order). */
		Row withRaw(Map<String, ?> numbers) {
			return new Row(this.name, this.platform, this.baseline, this.unit, this.ratio, this.note,
					Collections.unmodifiableMap(new LinkedHashMap<>(numbers)));
		}

	}

	/** platform / baseline, or null when the baseline is not a positive number. */
	static Double ratio(double platform, double baseline) {
		if (!(baseline > 0) || Double.isNaN(platform) || Double.isInfinite(baseline)) {
			return null;
		}
		return platform / baseline;
	}

	/** Things per second, or 0 when no time passed (nothing measurable). */
	static double perSecond(long count, long nanos) {
		return (nanos <= 0) ? 0 : count * 1e9 / nanos;
	}

	/**
	 * The nearest-rank percentile of sorted values.
	 * @param sorted ascending
	 * @param percentile 0 < p <= 100
	 */
	static long percentile(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			throw new IllegalArgumentException("no values");
		}
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
		return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
	}

}
