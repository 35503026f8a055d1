package id.go.kalteng.kim.dissemination.broadcast;

/** A delivery channel. */
public enum Channel {

	/** WhatsApp (needs a WhatsApp phone and consent). */
	WHATSAPP,

	/** SMS (needs consent). */
	SMS

}
