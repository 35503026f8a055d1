package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.dissemination.broadcast.Broadcast;
import id.go.kalteng.kim.dissemination.broadcast.Channel;
import id.go.kalteng.kim.dissemination.broadcast.Targeting;
import id.go.kalteng.kim.dissemination.recipient.Recipient;
import id.go.kalteng.kim.dissemination.recipient.RecipientProjection;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Fans an approved broadcast out to its recipients: one {@link Dispatch} per recipient,
 * inserted in batches that skip existing ids, so a redelivery only adds what is missing.
 */
@Configuration(proxyBeanMethods = false)
public class FanOut {

	static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(FanOut.class);

	private final AggregateStore store;

	private final RecipientProjection recipients;

	private final PhonePseudonyms pseudonyms;

	FanOut(AggregateStore store, RecipientProjection recipients, PhonePseudonyms pseudonyms) {
		this.store = store;
		this.recipients = recipients;
		this.pseudonyms = pseudonyms;
	}

	@Bean
	Consumer<Message<byte[]>> onDisseminationEvent(ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("dissemination-fanout", processed, json, meters)
			.on(BroadcastApprovedEvent.class, this::onApproved)
			.build();
		return dispatcher::dispatch;
	}

	void onApproved(BroadcastApprovedEvent event) {
		List<Channel> channels = event.channels().stream().map(Channel::valueOf).toList();
		List<Recipient> candidates = this.recipients.recipientsOfActiveGroups(event.target().kabupaten());
		Targeting.Selection selection = Targeting.select(candidates,
				new HashSet<>(candidates.stream().map(Recipient::groupId).toList()), event.target(), channels);
		Instant now = Instant.now();
		List<Dispatch> batch = new ArrayList<>(BATCH);
		int inserted = 0;
		for (Targeting.Chosen chosen : selection.chosen()) {
			Recipient recipient = chosen.recipient();
			batch.add(Dispatch.queue(event.broadcastId(), recipient.memberId(), recipient.phone(),
					this.pseudonyms.of(recipient.phone()), chosen.channel().name(), recipient.kabupaten(),
					event.message(), event.priority(), now));
			if (batch.size() == BATCH) {
				inserted += this.store.insertAllIgnoringExisting(batch);
				batch = new ArrayList<>(BATCH);
			}
		}
		inserted += this.store.insertAllIgnoringExisting(batch);
		Broadcast broadcast = this.store.findById(event.broadcastId(), Broadcast.class)
			.orElseThrow(() -> new IllegalStateException("approved broadcast " + event.broadcastId() + " not found"));
		if (broadcast.markSending(selection.chosen().size(), now)) {
			this.store.save(broadcast);
		}
		log.info("broadcast {} fanned out: {} recipients ({} new), {} suppressed", event.broadcastId(),
				selection.chosen().size(), inserted, selection.suppressed());
	}

}
