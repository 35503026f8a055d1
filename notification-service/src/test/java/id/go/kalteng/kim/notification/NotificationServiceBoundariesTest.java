package id.go.kalteng.kim.notification;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import id.go.kalteng.kim.support.test.KimArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The package boundaries of notification-service, checked on its main classes: features
 * form no cycles and none leans on the root package (the application and its start-up
 * chores, which use the features); the sandbox, a provider that never runs in production,
 * is a feature of its own that nothing else uses, and it uses only what a provider needs.
 */
class NotificationServiceBoundariesTest {

	private static final String BASE = "id.go.kalteng.kim.notification";

	private static final String SANDBOX = BASE + ".sandbox..";

	private static final JavaClasses MAIN = KimArchitecture.mainClassesOf(BASE);

	@Test
	void featuresAreFreeOfCycles() {
		KimArchitecture.featuresAreFreeOfCycles(BASE).check(MAIN);
	}

	@Test
	void noFeatureDependsOnTheRootPackage() {
		noClasses().that()
			.resideInAPackage(BASE + ".*..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(BASE)
			.because("the root package holds the application and its start-up chores, which use the features")
			.check(MAIN);
	}

	@Test
	void nothingOutsideTheSandboxUsesIt() {
		noClasses().that()
			.resideOutsideOfPackage(SANDBOX)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(SANDBOX)
			.because("the sandbox is wired only in the local profile and never runs in production")
			.check(MAIN);
	}

	@Test
	void theSandboxUsesOnlyWhatAProviderNeeds() {
		Set<String> aProviderNeeds = Set.of("delivery.ChannelProvider", "delivery.OutboundMessage",
				"delivery.SendReceipt", "delivery.ProviderUnavailableException", "delivery.ProviderThrottledException",
				"delivery.MessageRefusedException", "delivery.ChannelUnreachableException", "delivery.DeliveryReports",
				"delivery.WebhookSignatures", "delivery.WebhookReplays", "delivery.NotificationProperties",
				"delivery.ProviderSelection", "optout.InboundMessages", "erasure.SentMessageCopies", "tracking.Channel",
				"tracking.NotificationStatus", "web.QueryParameters");
		DescribedPredicate<JavaClass> allowed = DescribedPredicate.describe("what a provider needs", (type) -> {
			String name = type.getName().replaceFirst("\\$.*", "");
			return !name.startsWith(BASE + ".") || name.startsWith(BASE + ".sandbox.")
					|| aProviderNeeds.contains(name.substring(BASE.length() + 1));
		});
		classes().that()
			.resideInAPackage(SANDBOX)
			.should()
			.onlyDependOnClassesThat(allowed)
			.because("a provider needs the provider contract, the delivery reports and inbound texts it feeds,"
					+ " the webhook checks, the erasure of sent copies, and the value types of those")
			.check(MAIN);
	}

	@Test
	void aggregatesAndApplicationServicesKnowNothingOfHttp() {
		KimArchitecture.aggregatesAndServicesKnowNoHttp(BASE).check(MAIN);
	}

	@Test
	void everyIntegrationTestSharesTheOneBase() {
		KimArchitecture.everyIntegrationTestExtends(NotificationIntegrationTest.class)
			.check(KimArchitecture.testClassesOf(BASE));
	}

	@Test
	void timeComesFromTheClock() {
		KimArchitecture.timeComesFromTheClock().check(MAIN);
	}

}
