package id.go.kalteng.kim.console.sms;

/**
 * How an SMS text is encoded and into how many segments it splits, as the operator types
 * it: GSM 03.38 (7-bit, 160 characters, 153 per part when concatenated; the extension
 * characters such as {@code €} and {@code [} take two) when every character is in it,
 * otherwise UCS-2 (70, or 67 per part; a character beyond the BMP, e.g. an emoji, takes
 * two).
 *
 * @param encoding {@code GSM-7} or {@code UCS-2}
 * @param units characters as the encoding counts them (septets or UTF-16 units)
 * @param segments SMS parts the text is sent in (0 for an empty text)
 * @param perSegment units per part at this length
 * @param remaining units left in the last part
 */
public record SmsSegments(String encoding, int units, int segments, int perSegment, int remaining) {

	/** The GSM 03.38 basic character set (one septet each). */
	private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	/** The GSM 03.38 extension table (an escape plus one septet each). */
	private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

	public static SmsSegments of(String text) {
		String value = (text != null) ? text : "";
		int septets = 0;
		boolean gsm = true;
		for (int i = 0; i < value.length() && gsm; i++) {
			char c = value.charAt(i);
			if (GSM_BASIC.indexOf(c) >= 0) {
				septets++;
			}
			else if (GSM_EXTENSION.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				gsm = false;
			}
		}
		if (gsm) {
			return split("GSM-7", septets, 160, 153);
		}
		return split("UCS-2", value.length(), 70, 67);
	}

	private static SmsSegments split(String encoding, int units, int single, int part) {
		if (units == 0) {
			return new SmsSegments(encoding, 0, 0, single, single);
		}
		if (units <= single) {
			return new SmsSegments(encoding, units, 1, single, single - units);
		}
		int segments = (units + part - 1) / part;
		return new SmsSegments(encoding, units, segments, part, segments * part - units);
	}

}
