package id.go.kalteng.kim.dissemination.broadcast;

/**
 * How a text goes as SMS (3GPP TS 23.038): GSM-7 when every character is in the GSM 03.38
 * default alphabet or its extension table (an extension character takes two septets),
 * else UCS-2 (UTF-16 code units; a character outside the Basic Multilingual Plane, e.g.
 * most emoji, takes two). One segment holds 160 septets (GSM-7) or 70 units (UCS-2); a
 * longer text is split into segments of 153 or 67 (the rest is the concatenation header),
 * an extension character never split across two.
 *
 * @param encoding {@code GSM_7} or {@code UCS_2}
 * @param segments how many SMS it takes (0 for an empty text)
 * @param characters its length in septets (GSM-7) or UTF-16 units (UCS-2)
 */
public record SmsEncoding(String encoding, int segments, int characters) {

	/** The GSM 03.38 default alphabet (one septet each); ESC (0x1B) is left out. */
	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	/** The extension table (ESC + one septet each). */
	private static final String EXTENSION = "\f^{}\\[~]|€";

	/**
	 * Measures a text.
	 * @param text the text
	 * @return its encoding, segments and length
	 */
	public static SmsEncoding of(String text) {
		if (text == null || text.isEmpty()) {
			return new SmsEncoding("GSM_7", 0, 0);
		}
		int septets = 0;
		boolean gsm = true;
		for (int i = 0; i < text.length() && gsm; i++) {
			char c = text.charAt(i);
			if (BASIC.indexOf(c) >= 0) {
				septets++;
			}
			else if (EXTENSION.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				gsm = false;
			}
		}
		if (gsm) {
			return new SmsEncoding("GSM_7", gsmSegments(text, septets), septets);
		}
		int units = text.length();
		return new SmsEncoding("UCS_2", ucs2Segments(text), units);
	}

	private static int gsmSegments(String text, int septets) {
		if (septets <= 160) {
			return 1;
		}
		// 153 per segment, an escape sequence kept whole
		int segments = 1;
		int used = 0;
		for (int i = 0; i < text.length(); i++) {
			int width = (EXTENSION.indexOf(text.charAt(i)) >= 0) ? 2 : 1;
			if (used + width > 153) {
				segments++;
				used = 0;
			}
			used += width;
		}
		return segments;
	}

	private static int ucs2Segments(String text) {
		if (text.length() <= 70) {
			return 1;
		}
		// 67 units per segment, a surrogate pair kept whole
		int segments = 1;
		int used = 0;
		for (int i = 0; i < text.length(); i++) {
			int width = (Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()) ? 2 : 1;
			if (used + width > 67) {
				segments++;
				used = 0;
			}
			used += width;
			i += width - 1;
		}
		return segments;
	}

}
