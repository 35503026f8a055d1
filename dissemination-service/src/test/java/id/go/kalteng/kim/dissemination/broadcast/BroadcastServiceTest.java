package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.dissemination.recipient.ActiveRecipients;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * A broadcast changes through the store's retried change, at the injected clock's time.
 */
class BroadcastServiceTest {

	static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

	static final KimPrincipal OPERATOR = new KimPrincipal("operator-1", Set.of(Role.OPERATOR), null, null);

	AggregateStore store = mock(AggregateStore.class);

	BroadcastService service = new BroadcastService(this.store, mock(MongoTemplate.class), mock(ActiveRecipients.class),
			mock(DeliveryProgress.class), Clock.fixed(NOW, ZoneOffset.UTC), mock(WhatsAppTemplates.class),
			mock(SentBroadcasts.class));

	@Test
	@SuppressWarnings("unchecked")
	void aCancellationIsAppliedThroughTheStoresChangeAtTheClocksTime() {
		Broadcast draft = Broadcast.draft("b-1",
				new Broadcast.Content("Banjir", "Waspada banjir", List.of(Channel.SMS), Priority.NORMAL,
						new BroadcastTarget(List.of("62.71"), null, null, null, null, null)),
				"operator-1", null, Instant.parse("2026-11-30T00:00:00Z"));
		given(this.store.findById("b-1", Broadcast.class)).willReturn(Optional.of(draft));
		given(this.store.change(any(Supplier.class), eq("\"0\""), any(Function.class)))
			.willAnswer((call) -> call.<Function<Broadcast, Broadcast>>getArgument(2)
				.apply(call.<Supplier<Broadcast>>getArgument(0).get()));

		Broadcast cancelled = this.service.cancel(OPERATOR, "b-1", "\"0\"");

		assertThat(cancelled.getStatus()).isEqualTo(BroadcastStatus.CANCELLED);
		assertThat(cancelled.getUpdatedAt()).isEqualTo(NOW);
		verify(this.store, never()).save(any());
	}

}
