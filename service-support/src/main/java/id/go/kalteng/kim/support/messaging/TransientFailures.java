package id.go.kalteng.kim.support.messaging;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells a failure that passes by itself (the database or broker unreachable for a while,
 * a timeout, a concurrent write) from one that will fail the same way every time (a
 * malformed record, a bug): only the first is worth waiting for without limit.
 */
public final class TransientFailures {

	private static final List<Class<? extends Throwable>> TRANSIENT = List.of(DataAccessResourceFailureException.class,
			TransientDataAccessException.class, RecoverableDataAccessException.class, MongoSocketException.class,
			MongoTimeoutException.class, MongoNotPrimaryException.class, MongoNodeIsRecoveringException.class,
			MongoExecutionTimeoutException.class, RetriableException.class, SocketException.class,
			SocketTimeoutException.class, TimeoutException.class);

	private TransientFailures() {
	}

	/**
	 * Whether the failure, or any of its causes, is one that passes by itself; {@code
	 * TransientDataAccessException} includes optimistic locking and query timeouts.
	 */
	public static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (Class<? extends Throwable> type : TRANSIENT) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
		}
		return false;
	}

}
