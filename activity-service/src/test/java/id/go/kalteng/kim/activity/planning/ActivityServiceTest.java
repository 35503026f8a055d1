package id.go.kalteng.kim.activity.planning;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import id.go.kalteng.kim.activity.group.KnownGroups;
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
 * An activity changes through the store's retried change, at the injected clock's time.
 */
class ActivityServiceTest {

	static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

	static final KimPrincipal OPERATOR = new KimPrincipal("operator-1", Set.of(Role.OPERATOR), null, null);

	AggregateStore store = mock(AggregateStore.class);

	ActivityService service = new ActivityService(this.store, mock(MongoTemplate.class), mock(Invitations.class),
			mock(KnownGroups.class), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	@SuppressWarnings("unchecked")
	void aCancellationIsAppliedThroughTheStoresChangeAtTheClocksTime() {
		Activity planned = Activity.plan("a-1",
				new Activity.Details(ActivityType.ANJANGSANA, "Anjangsana", null, "Diskominfo", "62.71", "Balai",
						Instant.parse("2026-12-10T02:00:00Z"), Instant.parse("2026-12-10T05:00:00Z"), List.of(), null),
				"operator-1", Instant.parse("2026-11-30T00:00:00Z"));
		given(this.store.findById("a-1", Activity.class)).willReturn(Optional.of(planned));
		given(this.store.change(any(Supplier.class), eq("\"0\""), any(Function.class)))
			.willAnswer((call) -> call.<Function<Activity, Activity>>getArgument(2)
				.apply(call.<Supplier<Activity>>getArgument(0).get()));

		Activity cancelled = this.service.cancel(OPERATOR, "a-1", "\"0\"", "banjir");

		assertThat(cancelled.getStatus()).isEqualTo(ActivityStatus.CANCELLED);
		assertThat(cancelled.getUpdatedAt()).isEqualTo(NOW);
		verify(this.store, never()).save(any());
	}

}
