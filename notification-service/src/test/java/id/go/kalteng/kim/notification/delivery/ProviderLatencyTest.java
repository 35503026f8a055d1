package id.go.kalteng.kim.notification.delivery;

import id.go.kalteng.kim.notification.tracking.Channel;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Provider calls are timed by outcome while every call, defaults included, still reaches
 * the provider unchanged.
 */
class ProviderLatencyTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ChannelProvider timed;

	private boolean refuse;

	ProviderLatencyTest() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("meters", this.meters);
		ChannelProvider provider = new ChannelProvider() {

			@Override
			public Channel channel() {
				return Channel.SMS;
			}

			@Override
			public String name() {
				return "test";
			}

			@Override
			public boolean idempotentSends() {
				return true;
			}

			@Override
			public boolean reportsByMessageId() {
				return false;
			}

			@Override
			public SendReceipt send(OutboundMessage message) {
				if (ProviderLatencyTest.this.refuse) {
					throw new ProviderUnavailableException("away", null);
				}
				return new SendReceipt("m-1");
			}

		};
		this.timed = (ChannelProvider) new ProviderLatency(
				beans.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class), 0)
			.postProcessAfterInitialization(provider, "provider");
	}

	@Test
	void aSendIsTimedByChannelProviderAndOutcome() {
		assertThat(this.timed.send(message()).providerMessageId()).isEqualTo("m-1");
		this.refuse = true;
		assertThatExceptionOfType(ProviderUnavailableException.class).isThrownBy(() -> this.timed.send(message()));

		Timer ok = this.meters.find(ProviderLatency.METER)
			.tags("channel", "SMS", "provider", "test", "outcome", "ok")
			.timer();
		Timer failed = this.meters.find(ProviderLatency.METER).tags("outcome", "ProviderUnavailableException").timer();
		assertThat(ok.count()).isEqualTo(1);
		assertThat(failed.count()).isEqualTo(1);
	}

	private static OutboundMessage message() {
		return new OutboundMessage("n-1", "+6281200000000", Channel.SMS, "uji", null, "BROADCAST", "b-1", "62.71");
	}

	@Test
	void everyOtherCallReachesTheProviderAsItIs() {
		assertThat(this.timed.reportsByMessageId()).isFalse();
		assertThat(this.timed.idempotentSends()).isTrue();
		assertThat(this.timed.name()).isEqualTo("test");
		assertThat(this.meters.getMeters()).isEmpty();
	}

}
