package id.go.kalteng.kim.dissemination;

import com.tngtech.archunit.core.domain.JavaClasses;
import id.go.kalteng.kim.support.test.KimArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package rules of dissemination-service, checked on its main classes. */
class DisseminationServiceBoundariesTest {

	static final String BASE = "id.go.kalteng.kim.dissemination";

	static final JavaClasses CLASSES = KimArchitecture.mainClassesOf(BASE);

	@Test
	void featuresFormNoCycles() {
		KimArchitecture.featuresAreFreeOfCycles(BASE).check(CLASSES);
	}

	/**
	 * The recipients are what broadcasts and dispatches are made from; they know neither,
	 * so a person's erasure reaches the dispatches through {@code PersonalDataHolder},
	 * which the recipient feature owns.
	 */
	@Test
	void theRecipientsDependOnNoOtherFeature() {
		noClasses().that()
			.resideInAPackage(BASE + ".recipient..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BASE + ".broadcast..", BASE + ".dispatch..")
			.check(CLASSES);
	}

	/**
	 * The broadcast reads delivery progress through {@code DeliveryProgress}, which it
	 * owns.
	 */
	@Test
	void theBroadcastsDoNotDependOnTheDispatches() {
		noClasses().that()
			.resideInAPackage(BASE + ".broadcast..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(BASE + ".dispatch..")
			.check(CLASSES);
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
		KimArchitecture.everyIntegrationTestExtends(DisseminationServiceIntegrationTest.class)
			.check(KimArchitecture.testClassesOf(BASE));
	}

}
