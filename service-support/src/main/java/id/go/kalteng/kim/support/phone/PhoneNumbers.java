package id.go.kalteng.kim.support.phone;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises the ways numbers are written in Indonesia ({@code 08xx}, {@code 628xx},
 * {@code +62 8xx}, with spaces, dots or dashes) to E.164, so one person is one key in
 * every service; libphonenumber's metadata decides what is valid and what is mobile.
 */
public final class PhoneNumbers {

	/** What to tell a user whose number was refused. */
	public static final String MOBILE_RULE = "must be an Indonesian mobile number, e.g. 0812-3456-7890 or +62 812 3456 7890";

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final int INDONESIA = 62;

	private PhoneNumbers() {
	}

	/** The E.164 form of a valid Indonesian number, or empty when it is not one. */
	public static Optional<String> normalise(String raw) {
		return parse(raw).map((number) -> UTIL.format(number, PhoneNumberFormat.E164));
	}

	/**
	 * The E.164 form of an Indonesian mobile number (what SMS and WhatsApp reach), or
	 * empty when it is not one.
	 */
	public static Optional<String> normaliseMobile(String raw) {
		return parse(raw).filter(PhoneNumbers::isMobile).map((number) -> UTIL.format(number, PhoneNumberFormat.E164));
	}

	private static boolean isMobile(PhoneNumber number) {
		PhoneNumberType type = UTIL.getNumberType(number);
		return type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE;
	}

	private static Optional<PhoneNumber> parse(String raw) {
		if (raw == null || raw.isBlank() || raw.length() > 32) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = UTIL.parse(raw.trim(), "ID");
			if (number.getCountryCode() != INDONESIA || !UTIL.isValidNumber(number)) {
				return Optional.empty();
			}
			return Optional.of(number);
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
