package id.go.kalteng.kim.dissemination.recipient;

/**
 * A feature that keeps copies derived from a recipient's number and forgets them when the
 * person asks for erasure. The recipient feature, which consumes the erasure, owns this
 * question; the holders (e.g. the dispatches) implement it, so nothing here depends on
 * them.
 */
public interface PersonalDataHolder {

	/**
	 * Forgets what is kept of a number; a repeat changes nothing.
	 * @param phoneHash the number's pseudonymous id
	 * @return how many records were forgotten
	 */
	long forget(String phoneHash);

}
