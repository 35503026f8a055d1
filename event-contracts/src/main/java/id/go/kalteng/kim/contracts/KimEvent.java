package id.go.kalteng.kim.contracts;

/**
 * What every published event tells its envelope: the aggregate it belongs to (the Kafka
 * key and {@code ce_subject}) and the kabupaten it concerns ({@code ce_kabupaten}, used
 * to filter streams for agencies).
 */
public interface KimEvent {

	/** The id of the aggregate the event belongs to; its events stay in order. */
	String aggregateId();

	/**
	 * The Kemendagri code of the kabupaten/kota the event concerns, e.g. {@code 62.71}.
	 */
	String kabupaten();

}
