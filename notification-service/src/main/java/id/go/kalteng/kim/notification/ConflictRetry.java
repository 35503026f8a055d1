package id.go.kalteng.kim.notification;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Repeats a load-change-save of one document when it loses a race (another writer saved
 * first, or inserted the same id) or the database blips. Matters most after a send: the
 * message is out, and losing its SENT to a concurrent delivery report would leave the
 * notification claimed until its lease runs out.
 */
public final class ConflictRetry {

	private static final RetryConfig CONFIG = RetryConfig.custom()
		.maxAttempts(6)
		.intervalFunction(
				IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(20), 2.0, 0.5, Duration.ofSeconds(2)))
		.retryOnException(ConflictRetry::isRetryable)
		.build();

	private static final Map<String, Retry> RETRIES = new ConcurrentHashMap<>();

	private ConflictRetry() {
	}

	/** Runs the whole load-change-save again until it succeeds, a few times at most. */
	public static <T> T run(String name, Supplier<T> loadChangeSave) {
		return RETRIES.computeIfAbsent(name, (key) -> Retry.of(key, CONFIG)).executeSupplier(loadChangeSave);
	}

	static boolean isRetryable(Throwable ex) {
		return ex instanceof TransientDataAccessException || ex instanceof DuplicateKeyException
				|| ex instanceof DataAccessResourceFailureException || ex instanceof MongoSocketException
				|| ex instanceof MongoTimeoutException;
	}

}
