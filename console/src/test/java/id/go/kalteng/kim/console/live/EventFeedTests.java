package id.go.kalteng.kim.console.live;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading stream-service's event stream as the console relays it: each event with its
 * position, heartbeats seen, a reset or an unreadable event skipped, and no more than
 * asked for.
 */
class EventFeedTests {

	private static final String STREAM = """
			:heartbeat

			id:62.71:41
			data:{"specversion":"1.0","id":"e-1","type":"kim.group.member-joined.v1","time":"2026-12-01T02:00:00Z","kabupaten":"62.71","data":{"groupId":"g-1","gender":"WANITA"}}

			event:reset
			id:62.71:0
			data:{"reason":"position-not-kept"}

			id:62.71:42
			data:not json

			id:62.71:43
			data:{"type":"kim.activity.activity-planned.v1","kabupaten":"62.71","data":{"activityId":"a-1"}}

			""";

	@Test
	void eventsComeWithTheirPositionAndHeartbeatsAreSeen() throws Exception {
		List<EventFeed.Event> events = new ArrayList<>();
		AtomicInteger heartbeats = new AtomicInteger();
		EventFeed.read(new ByteArrayInputStream(STREAM.getBytes(StandardCharsets.UTF_8)), () -> false,
				System.nanoTime() + 5_000_000_000L, 10, events::add, heartbeats::incrementAndGet);

		assertThat(heartbeats).hasValue(1);
		assertThat(events).extracting(EventFeed.Event::position).containsExactly("62.71:41", "62.71:43");
		assertThat(events.get(0).type()).isEqualTo("kim.group.member-joined.v1");
		assertThat(events.get(0).kabupaten()).isEqualTo("62.71");
		assertThat(events.get(0).data()).containsEntry("groupId", "g-1");
	}

	@Test
	void noMoreThanAskedForAndNothingOnceTheBrowserHasGone() throws Exception {
		List<EventFeed.Event> events = new ArrayList<>();
		EventFeed.read(new ByteArrayInputStream(STREAM.getBytes(StandardCharsets.UTF_8)), () -> false,
				System.nanoTime() + 5_000_000_000L, 1, events::add, () -> {
				});
		assertThat(events).hasSize(1);

		events.clear();
		EventFeed.read(new ByteArrayInputStream(STREAM.getBytes(StandardCharsets.UTF_8)), () -> true,
				System.nanoTime() + 5_000_000_000L, 10, events::add, () -> {
				});
		assertThat(events).isEmpty();
	}

}
