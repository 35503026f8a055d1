package id.go.kalteng.kim.activity.group;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How to reach a member of a KIM group, projected from {@code kim.group.events}, so that
 * invitations and reminders go out without asking group-service. Personal data: never
 * logged unmasked, removed when the member leaves or the person is erased.
 *
 * @param memberId the member (document id)
 * @param groupId the member's group
 * @param kabupaten the group's kabupaten code
 * @param phone E.164 number
 * @param phoneHash the number's pseudonymous id, by which an erasure finds it
 * @param whatsapp whether the phone has WhatsApp
 * @param sms consents to SMS
 * @param whatsappConsent consents to WhatsApp
 */
@Document(MemberContact.COLLECTION)
public record MemberContact(@Id String memberId, String groupId, String kabupaten, String phone, String phoneHash,
		boolean whatsapp, boolean sms, boolean whatsappConsent) {

	/** The collection. */
	public static final String COLLECTION = "members";

	/**
	 * The channel this member is told on: WhatsApp where the phone has it and the member
	 * consents, else SMS where the member consents.
	 * @return WHATSAPP, SMS or {@code null} when the member takes neither
	 */
	public String channel() {
		if (this.whatsapp && this.whatsappConsent) {
			return "WHATSAPP";
		}
		return this.sms ? "SMS" : null;
	}

}
