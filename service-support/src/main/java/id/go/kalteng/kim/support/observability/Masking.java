package id.go.kalteng.kim.support.observability;

/**
 * Personal data (phone numbers, names) falls under UU PDP: logs show only enough to tell
 * records apart.
 */
public final class Masking {

	private Masking() {
	}

	/** {@code +6281234567890} becomes {@code +62812*****890}. */
	public static String phone(String phone) {
		if (phone == null || phone.length() < 7) {
			return "***";
		}
		int keepStart = Math.min(6, phone.length() - 4);
		return phone.substring(0, keepStart) + "*".repeat(phone.length() - keepStart - 3)
				+ phone.substring(phone.length() - 3);
	}

	/** {@code Siti Aminah} becomes {@code S*** A***}. */
	public static String name(String name) {
		if (name == null || name.isBlank()) {
			return "***";
		}
		StringBuilder masked = new StringBuilder();
		for (String part : name.trim().split("\\s+")) {
			if (masked.length() > 0) {
				masked.append(' ');
			}
			masked.append(part.charAt(0)).append("***");
		}
		return masked.toString();
	}

}
