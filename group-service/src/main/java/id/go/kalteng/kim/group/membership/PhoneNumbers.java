package id.go.kalteng.kim.group.membership;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises the ways numbers are written in Indonesia (08xx, 628xx, +62 8xx, with
 * spaces, dots or dashes) to E.164, accepting only Indonesian mobile numbers
 * (libphonenumber's metadata decides what is mobile).
 */
public final class PhoneNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final int ID_COUNTRY_CODE = 62;

	private PhoneNumbers() {
	}

	/** The E.164 form of an Indonesian mobile number, or empty when it is not one. */
	public static Optional<String> toE164(String raw) {
		if (raw == null || raw.isBlank() || raw.length() > 32) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = UTIL.parse(raw.trim(), "ID");
			if (number.getCountryCode() != ID_COUNTRY_CODE || !UTIL.isValidNumber(number)) {
				return Optional.empty();
			}
			PhoneNumberType type = UTIL.getNumberType(number);
			if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
				return Optional.empty();
			}
			return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	/** What to tell a user whose number was refused. */
	public static final String RULE = "must be an Indonesian mobile number, e.g. 0812-3456-7890 or +62 812 3456 7890";

}
