package id.go.kalteng.kim.notification.delivery.sandbox;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxAvailabilityTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withBean(SandboxMessages.class, () -> Mockito.mock(SandboxMessages.class))
		.withUserConfiguration(SandboxMessageController.class);

	@Test
	void theSandboxListingExistsByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SandboxMessageController.class));
	}

	@Test
	void theSandboxListingDoesNotExistWithARealProvider() {
		this.runner.withPropertyValues("kim.notification.provider=whatsapp-cloud")
			.run((context) -> assertThat(context).doesNotHaveBean(SandboxMessageController.class));
	}

}
