package id.go.kalteng.kim.group;

import com.tngtech.archunit.core.domain.JavaClasses;
import id.go.kalteng.kim.support.test.KimArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * group-service's package boundaries. The register ({@code registry}) holds the Group
 * aggregate with the members it owns; membership, forums and consent are use cases on it,
 * so they may use the register and never the other way round.
 */
class GroupServiceBoundariesTest {

	static final String BASE = "id.go.kalteng.kim.group";

	static final JavaClasses MAIN = KimArchitecture.mainClassesOf(BASE);

	@Test
	void featuresAreFreeOfCycles() {
		KimArchitecture.featuresAreFreeOfCycles(BASE).check(MAIN);
	}

	@Test
	void theRegisterDependsOnNoOtherFeature() {
		noClasses().that()
			.resideInAPackage(BASE + ".registry..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BASE + ".membership..", BASE + ".forum..", BASE + ".consent..", BASE + ".kabupaten..")
			.check(MAIN);
	}

	@Test
	void featuresMeetOnlyThroughTheRegister() {
		slices().matching(BASE + ".(*)..")
			.should()
			.notDependOnEachOther()
			.ignoreDependency(alwaysTrue(), resideInAPackage(BASE + ".registry.."))
			.check(MAIN);
	}

	@Test
	void everyIntegrationTestSharesTheOneBase() {
		KimArchitecture.everyIntegrationTestExtends(GroupServiceIntegrationTest.class)
			.check(KimArchitecture.testClassesOf(BASE));
	}

	@Test
	void aggregatesAndApplicationServicesKnowNothingOfHttp() {
		KimArchitecture.aggregatesAndServicesKnowNoHttp(BASE).check(MAIN);
	}

	@Test
	void timeComesFromTheClock() {
		KimArchitecture.timeComesFromTheClock().check(MAIN);
	}

}
