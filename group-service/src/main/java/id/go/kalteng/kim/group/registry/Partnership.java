package id.go.kalteng.kim.group.registry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A partnership (kemitraan) between a group and a dinas: which agency, since when, on
 * what; {@code until} is set once it ends.
 *
 * @param id the partnership's id
 * @param agency the dinas (government agency)
 * @param scope what the partnership is about
 * @param since when it began
 * @param until when it ended, or null while it lasts
 * @param endReason why it ended
 * @param recordedAt when it was recorded
 */
public record Partnership(String id, String agency, String scope, LocalDate since, LocalDate until, String endReason,
		Instant recordedAt) {

	public boolean isActive() {
		return this.until == null;
	}

}
