package id.go.kalteng.kim.dissemination.dispatch;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The handlers the dispatches follow, one consumer bean per handled event type, each
 * making one call: an approved broadcast is fanned out ({@code onBroadcastApproved},
 * {@code kim.dissemination.events}, group {@code dissemination-service-fanout}, and
 * {@code onUrgentBroadcastApproved} for URGENT ones). The statuses of notifications are
 * consumed by {@code NotificationEventHandlers}.
 */
@Configuration(proxyBeanMethods = false)
class DispatchEventHandlers {

	/** NORMAL approvals (URGENT ones are skipped here: their own consumer takes them). */
	@Bean
	Consumer<Message<byte[]>> onBroadcastApproved(FanOut fanOut, ProcessedEvents processed, JsonMapper json,
			MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("dissemination-fanout", processed, json, meters)
			.on(BroadcastApprovedEvent.class, fanOut::fanOutNormal)
			.build();
		return dispatcher::dispatch;
	}

	/**
	 * URGENT approvals, on a consumer of their own (group
	 * {@code dissemination-service-fanout-urgent}): they never wait behind a NORMAL
	 * fan-out, which yields to them batch by batch ({@link FanOutLanes}).
	 */
	@Bean
	Consumer<Message<byte[]>> onUrgentBroadcastApproved(FanOut fanOut, ProcessedEvents processed, JsonMapper json,
			MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("dissemination-fanout-urgent", processed, json, meters)
			.on(BroadcastApprovedEvent.class, fanOut::fanOutUrgent)
			.build();
		return dispatcher::dispatch;
	}

}
