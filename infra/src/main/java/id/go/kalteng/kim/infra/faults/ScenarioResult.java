package id.go.kalteng.kim.infra.faults;

import java.util.List;

/**
 * What one scenario found.
 *
 * @param number the scenario's number in issue #13
 * @param name what was done
 * @param outage the fault's length as run (shorter in --quick, said so)
 * @param accepted recipients the platform accepted (the broadcast's preview at
 * submission)
 * @param tally the provider stub's count against the intended recipients
 * @param recoverySeconds end of the fault → the last recipient's first message (null when
 * the scenario has no end of a fault, or nothing arrived)
 * @param problems checks of the scenario's own that failed (e.g. records in a dead-letter
 * topic); empty when none
 * @param notes what else it saw
 * @param error why the scenario could not run to its end (null when it did)
 */
public record ScenarioResult(int number, String name, String outage, int accepted, Tally tally, Double recoverySeconds,
		List<String> problems, List<String> notes, String error) {

	/** Nothing lost, nothing doubled beyond the in-flight allowance, no check failed. */
	public boolean passed() {
		return this.error == null && this.tally != null && this.tally.clean() && this.problems.isEmpty()
				&& this.accepted == this.tally.intended();
	}

	static ScenarioResult failed(int number, String name, String outage, String error, List<String> notes) {
		return new ScenarioResult(number, name, outage, 0, null, null, List.of(), notes, error);
	}

}
