package id.go.kalteng.kim.support.web;

import java.util.ArrayList;
import java.util.List;

import id.go.kalteng.kim.support.domain.FieldViolation;

/**
 * The one paging rule of every listing: {@code page} from 0, {@code size} from 1 to the
 * listing's maximum, and no deeper than {@link #MAX_SKIP} items, so that a skip is always
 * a small positive number (an overflowing {@code page × size} used to turn into a
 * negative skip: page 0's items on the embedded database, a 500 on MongoDB).
 *
 * @param page the page number, from 0
 * @param size the number of items per page
 */
public record Paging(int page, int size) {

	/** The deepest item a listing pages to; beyond it the caller narrows the filter. */
	public static final long MAX_SKIP = 100_000;

	/**
	 * Reads the {@code page} and {@code size} query parameters as the client sent them.
	 * @param page the raw {@code page} parameter, or null for the first page
	 * @param size the raw {@code size} parameter, or null for {@code defaultSize}
	 * @param defaultSize the size when none is asked for
	 * @param maxSize the largest size the listing answers
	 * @return the page asked for
	 * @throws ApiException 400 naming each bad parameter
	 */
	public static Paging of(String page, String size, int defaultSize, int maxSize) {
		List<FieldViolation> errors = new ArrayList<>();
		Long number = number(page, 0, "page", "must be a whole number from 0", errors);
		Long perPage = number(size, defaultSize, "size", "must be a whole number from 1 to " + maxSize, errors);
		if (number != null && number < 0) {
			errors.add(new FieldViolation("page", "must be a whole number from 0", abbreviated(page)));
		}
		if (perPage != null && (perPage < 1 || perPage > maxSize)) {
			errors.add(new FieldViolation("size", "must be a whole number from 1 to " + maxSize, abbreviated(size)));
		}
		if (errors.isEmpty() && number > MAX_SKIP / perPage) {
			errors.add(new FieldViolation("page",
					"page × size may be at most " + MAX_SKIP
							+ " (a listing pages no deeper); narrow the filter instead of paging this far",
					abbreviated(page)));
		}
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		return new Paging(number.intValue(), perPage.intValue());
	}

	/** How many items come before this page. */
	public long skip() {
		return (long) this.page * this.size;
	}

	private static Long number(String raw, long fallback, String name, String rule, List<FieldViolation> errors) {
		if (raw == null || raw.isBlank()) {
			return fallback;
		}
		try {
			return Long.parseLong(raw.trim());
		}
		catch (NumberFormatException ex) {
			errors.add(new FieldViolation(name, rule, abbreviated(raw)));
			return null;
		}
	}

	private static String abbreviated(String raw) {
		return (raw.length() > 40) ? raw.substring(0, 40) + "…" : raw;
	}

}
