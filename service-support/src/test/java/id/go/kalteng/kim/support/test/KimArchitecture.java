package id.go.kalteng.kim.support.test;

import java.time.Clock;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import id.go.kalteng.kim.support.outbox.AggregateRoot;
import id.go.kalteng.kim.support.web.PageView;

import org.springframework.boot.test.context.SpringBootTest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every service keeps, as ArchUnit rules a service's boundary test
 * checks against its own main classes: features (the packages right under the service's
 * base package) form no cycles, and aggregates and application services speak the
 * domain's language, never HTTP's.
 */
public final class KimArchitecture {

	private KimArchitecture() {
	}

	/** The production classes of a service (tests and jars left out). */
	public static JavaClasses mainClassesOf(String basePackage) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages(basePackage);
	}

	/**
	 * No cycle between features: {@code a} may use {@code b} or {@code b} may use
	 * {@code a}, never both (sub-packages count as their feature's).
	 */
	public static ArchRule featuresAreFreeOfCycles(String basePackage) {
		return slices().matching(basePackage + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles();
	}

	/**
	 * A service's aggregates (every {@code AggregateRoot}) and application services
	 * (classes named {@code *Service}) decide in the domain's words: they throw
	 * {@code DomainException}s and use nothing of Spring MVC, the servlet API or
	 * {@code support.web} but its plain page record ({@code PageView}).
	 */
	public static ArchRule aggregatesAndServicesKnowNoHttp(String basePackage) {
		return noClasses().that()
			.resideInAPackage(basePackage + "..")
			.and(DescribedPredicate.describe("are aggregates or application services",
					(JavaClass c) -> c.isAssignableTo(AggregateRoot.class) || c.getSimpleName().endsWith("Service")))
			.should()
			.dependOnClassesThat(DescribedPredicate.describe("belong to HTTP (Spring MVC, servlet, support.web)",
					(JavaClass c) -> !c.getName().equals(PageView.class.getName())
							&& (c.getPackageName().startsWith("org.springframework.http")
									|| c.getPackageName().startsWith("org.springframework.web")
									|| c.getPackageName().startsWith("jakarta.servlet")
									|| c.getPackageName().startsWith("id.go.kalteng.kim.support.web"))))
			.as("aggregates and application services of " + basePackage + " know nothing of HTTP");
	}

	/**
	 * Aggregates and application services throw domain exceptions and know nothing of
	 * HTTP: only controllers, advice and filters (the {@code web} side) use Spring MVC
	 * and {@code support.web}.
	 * @param nonWebPackages package patterns of the domain side, e.g. {@code ..outbox..}
	 */
	public static ArchRule domainKnowsNoHttp(String... nonWebPackages) {
		return noClasses().that()
			.resideInAnyPackage(nonWebPackages)
			.and()
			.haveSimpleNameNotEndingWith("Controller")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.http..", "org.springframework.web..",
					"id.go.kalteng.kim.support.web..", "jakarta.servlet..")
			.as("the domain side (" + String.join(", ", nonWebPackages) + ") knows nothing of HTTP")
			.allowEmptyShould(true);
	}

	/** The test classes of a service (for rules on how its tests are built). */
	public static JavaClasses testClassesOf(String basePackage) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
			.importPackages(basePackage);
	}

	/**
	 * Every Spring Boot test of a service extends its one integration-test base, so setup
	 * is written once.
	 */
	public static ArchRule everyIntegrationTestExtends(Class<?> base) {
		return classes().that()
			.areMetaAnnotatedWith(SpringBootTest.class)
			.and()
			.doNotHaveModifier(JavaModifier.ABSTRACT)
			.should()
			.beAssignableTo(base)
			.as("every integration test extends " + base.getSimpleName())
			.allowEmptyShould(true);
	}

	/**
	 * Times come from the injected {@code Clock}, so tests can fix them: no {@code now()}
	 * of {@code java.time} without a {@code Clock}.
	 */
	public static ArchRule timeComesFromTheClock() {
		return noClasses().should()
			.callMethodWhere(DescribedPredicate.describe("now() of java.time without a Clock",
					(JavaMethodCall call) -> call.getTargetOwner().getPackageName().equals("java.time")
							&& call.getName().equals("now")
							&& call.getTarget()
								.getRawParameterTypes()
								.stream()
								.noneMatch((type) -> type.isEquivalentTo(Clock.class))))
			.as("time comes from the injected Clock");
	}

}
