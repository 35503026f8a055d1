package id.go.kalteng.kim.activity;

import com.tngtech.archunit.core.domain.JavaClasses;
import id.go.kalteng.kim.support.test.KimArchitecture;
import org.junit.jupiter.api.Test;

/** The package rules of activity-service, checked on its main classes. */
class ActivityServiceBoundariesTest {

	static final String BASE = "id.go.kalteng.kim.activity";

	static final JavaClasses CLASSES = KimArchitecture.mainClassesOf(BASE);

	@Test
	void featuresFormNoCycles() {
		KimArchitecture.featuresAreFreeOfCycles(BASE).check(CLASSES);
	}

	/** Times come from the injected {@code Clock}, so tests can fix them. */
	@Test
	void noClassReadsTheSystemClockItself() {
		KimArchitecture.timeComesFromTheClock().check(CLASSES);
	}

	@Test
	void aggregatesAndApplicationServicesKnowNothingOfHttp() {
		KimArchitecture.aggregatesAndServicesKnowNoHttp(BASE).check(CLASSES);
	}

	@Test
	void everyIntegrationTestSharesTheOneBase() {
		KimArchitecture.everyIntegrationTestExtends(ActivityServiceIntegrationTest.class)
			.check(KimArchitecture.testClassesOf(BASE));
	}

}
