package id.go.kalteng.kim.support.outbox;

import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;

import org.springframework.dao.OptimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateStoreOutagesTest {

	private final AggregateStore store = new AggregateStore(null, null, null);

	@Test
	void aChangeThatMeetsADatabaseBlipIsRunAgainUntilItSucceeds() {
		AtomicInteger runs = new AtomicInteger();

		boolean changed = this.store.outlastingOutages(() -> {
			if (runs.incrementAndGet() == 1) {
				throw new MongoSocketException("connection reset", new ServerAddress());
			}
			if (runs.get() == 2) {
				throw new OptimisticLockingFailureException("others kept winning");
			}
			return true;
		});

		assertThat(changed).isTrue();
		assertThat(runs).hasValue(3);
	}

	@Test
	void aFailureThatIsNoOutageIsNotRetried() {
		AtomicInteger runs = new AtomicInteger();

		assertThatThrownBy(() -> this.store.outlastingOutages(() -> {
			runs.incrementAndGet();
			throw new IllegalArgumentException("a rule");
		})).isInstanceOf(IllegalArgumentException.class);
		assertThat(runs).hasValue(1);
	}

	@Test
	void anOutageThatLastsGivesUpAfterSixRuns() {
		AtomicInteger runs = new AtomicInteger();

		assertThatThrownBy(() -> this.store.outlastingOutages(() -> {
			runs.incrementAndGet();
			throw new MongoSocketException("down", new ServerAddress());
		})).isInstanceOf(MongoSocketException.class);
		assertThat(runs).hasValue(6);
	}

}
