package id.go.kalteng.kim.support.storage;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

/**
 * One unordered {@code insertMany} in which a document whose id exists already is not an
 * error: how idempotent batch writes (a redelivered batch, a claim another instance
 * holds) learn what was new in one round trip.
 */
public final class UnorderedInserts {

	private UnorderedInserts() {
	}

	/**
	 * Inserts the documents, skipping those whose id exists.
	 * @param collection where
	 * @param documents what
	 * @return the positions in {@code documents} of those that existed already
	 * @throws MongoBulkWriteException when an insert failed for another reason
	 */
	public static Set<Integer> insertSkippingExisting(MongoCollection<Document> collection, List<Document> documents) {
		Set<Integer> existing = new TreeSet<>();
		if (documents.isEmpty()) {
			return existing;
		}
		try {
			collection.insertMany(documents, new InsertManyOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			for (BulkWriteError error : ex.getWriteErrors()) {
				if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				existing.add(error.getIndex());
			}
		}
		return existing;
	}

}
