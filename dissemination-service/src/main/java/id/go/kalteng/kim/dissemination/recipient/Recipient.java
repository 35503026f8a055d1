package id.go.kalteng.kim.dissemination.recipient;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member who may receive broadcasts, projected from the group events.
 *
 * @param memberId the member (document id)
 * @param groupId the member's group
 * @param kabupaten the group's kabupaten code
 * @param setting PERKOTAAN or PERDESAAN
 * @param phone E.164 number
 * @param phoneHash the number's pseudonymous id ({@code PhonePseudonyms}), by which an
 * erasure finds it
 * @param gender gender code
 * @param ageGroup age group code
 * @param occupation occupation code
 * @param whatsapp whether the phone has WhatsApp
 * @param consent the member's channel consent
 */
@Document(Recipient.COLLECTION)
public record Recipient(@Id String memberId, String groupId, String kabupaten, String setting, String phone,
		String phoneHash, String gender, String ageGroup, String occupation, boolean whatsapp, Consent consent) {

	/** The collection. */
	public static final String COLLECTION = "recipients";

	/**
	 * Channel consent.
	 *
	 * @param sms consents to SMS
	 * @param whatsapp consents to WhatsApp
	 */
	public record Consent(boolean sms, boolean whatsapp) {

	}

}
