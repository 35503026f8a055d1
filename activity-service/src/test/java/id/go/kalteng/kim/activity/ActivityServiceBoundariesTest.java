package id.go.kalteng.kim.activity;

import java.time.Clock;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import id.go.kalteng.kim.support.test.KimArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
		noClasses().should()
			.callMethodWhere(DescribedPredicate.describe("now() of java.time without a Clock",
					(JavaMethodCall call) -> call.getTargetOwner().getPackageName().equals("java.time")
							&& call.getName().equals("now")
							&& !call.getTarget()
								.getRawParameterTypes()
								.stream()
								.anyMatch((type) -> type.isEquivalentTo(Clock.class))))
			.check(CLASSES);
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
