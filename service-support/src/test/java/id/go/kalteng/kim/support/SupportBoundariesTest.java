package id.go.kalteng.kim.support;

import com.tngtech.archunit.core.domain.JavaClasses;
import id.go.kalteng.kim.support.test.KimArchitecture;
import org.junit.jupiter.api.Test;

/**
 * service-support's own packages: no cycles, and the parts below the web (outbox,
 * messaging, domain, phone numbers) know nothing of HTTP.
 */
class SupportBoundariesTest {

	static final String BASE = "id.go.kalteng.kim.support";

	static final JavaClasses CLASSES = KimArchitecture.mainClassesOf(BASE);

	@Test
	void packagesAreFreeOfCycles() {
		KimArchitecture.featuresAreFreeOfCycles(BASE).check(CLASSES);
	}

	@Test
	void outboxMessagingAndDomainKnowNothingOfHttp() {
		KimArchitecture
			.domainKnowsNoHttp(BASE + ".outbox..", BASE + ".messaging..", BASE + ".domain..", BASE + ".phone..")
			.check(CLASSES);
	}

}
