package id.go.kalteng.kim.stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import id.go.kalteng.kim.support.test.KimArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The package boundaries of stream-service: the public log knows nothing of how it is
 * served (SSE, webhooks), features form no cycles, and time comes from the clock.
 */
class StreamServiceBoundariesTest {

	private static final String BASE = "id.go.kalteng.kim.stream";

	private static final JavaClasses MAIN = KimArchitecture.mainClassesOf(BASE);

	@Test
	void featuresAreFreeOfCycles() {
		KimArchitecture.featuresAreFreeOfCycles(BASE).check(MAIN);
	}

	@Test
	void thePublicLogKnowsNothingOfItsTransports() {
		noClasses().that()
			.resideInAPackage(BASE + ".publiclog..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BASE + ".events..", BASE + ".webhooks..")
			.because("SSE and webhooks read the public log; the log does not serve them")
			.check(MAIN);
	}

	@Test
	void everyIntegrationTestSharesTheOneBase() {
		KimArchitecture.everyIntegrationTestExtends(StreamIntegrationTest.class)
			.check(KimArchitecture.testClassesOf(BASE));
	}

	@Test
	void timeComesFromTheClock() {
		KimArchitecture.timeComesFromTheClock().check(MAIN);
	}

}
