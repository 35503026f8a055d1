package id.go.kalteng.kim.notification.phone;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises Indonesian phone numbers to E.164 ({@code +62...}), whatever shape they
 * arrive in ({@code 0812-3456-7890}, {@code 62812...}, {@code +62 812 ...}), so one
 * person is one key in notifications, opt-outs and the sandbox.
 */
public final class PhoneNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final String REGION = "ID";

	private static final int INDONESIA = 62;

	private PhoneNumbers() {
	}

	/** The E.164 form of an Indonesian number, or empty when it is not one. */
	public static Optional<String> normalise(String raw) {
		if (raw == null || raw.isBlank() || raw.length() > 32) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = UTIL.parse(raw.trim(), REGION);
			if (number.getCountryCode() != INDONESIA || !UTIL.isValidNumber(number)) {
				return Optional.empty();
			}
			return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
