package id.go.kalteng.kim.notification.optout;

import id.go.kalteng.kim.notification.tracking.Channel;

/**
 * Sends the confirmation of an opt-out or opt-in to the phone that asked (implemented by
 * delivery, which owns sending).
 */
public interface ReplyConfirmations {

	/** The confirmation of an opt-out (STOP / BERHENTI), in Bahasa Indonesia. */
	static String optedOutText(Channel channel) {
		return "Anda tidak akan menerima pesan KIM Kalimantan Tengah lagi melalui " + nameOf(channel)
				+ ". Balas MULAI untuk berlangganan lagi.";
	}

	/** The confirmation of an opt-in (MULAI / START), in Bahasa Indonesia. */
	static String optedInText(Channel channel) {
		return "Anda kembali berlangganan pesan KIM Kalimantan Tengah melalui " + nameOf(channel)
				+ ". Balas BERHENTI untuk berhenti.";
	}

	private static String nameOf(Channel channel) {
		return (channel == Channel.WHATSAPP) ? "WhatsApp" : "SMS";
	}

	/**
	 * Queues a confirmation (URGENT, sent even to a phone that opted out), once per id.
	 * @param id the confirmation's id, derived from the reply it answers
	 * @param phone the phone (E.164)
	 * @param phoneHash its pseudonymous id
	 * @param channel the channel the reply came on
	 * @param kabupaten the phone's last known kabupaten
	 * @param text the confirmation
	 */
	void confirm(String id, String phone, String phoneHash, Channel channel, String kabupaten, String text);

}
