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

}
