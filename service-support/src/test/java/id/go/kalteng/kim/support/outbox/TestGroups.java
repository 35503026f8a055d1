package id.go.kalteng.kim.support.outbox;

/** The stand-in aggregate for tests outside this package. */
public final class TestGroups {

	private TestGroups() {
	}

	/** A newly registered test group, with its registration event recorded. */
	public static AggregateRoot register(String id, String name, String kabupaten) {
		return SupportTestApplication.TestGroup.register(id, name, kabupaten);
	}

}
