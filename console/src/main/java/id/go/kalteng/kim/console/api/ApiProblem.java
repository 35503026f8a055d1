package id.go.kalteng.kim.console.api;

import java.util.List;

/**
 * An answer of the API that is not a success, kept as the API said it (its
 * {@code problem+json} title, detail and field errors) and told to the user in words
 * ({@link #message()}), never as a stack trace.
 */
public class ApiProblem extends RuntimeException {

	private final int status;

	private final String title;

	private final String detail;

	private final List<String> errors;

	public ApiProblem(int status, String title, String detail, List<String> errors) {
		super("API answered " + status + ": " + title + ((detail != null) ? " - " + detail : ""));
		this.status = status;
		this.title = title;
		this.detail = detail;
		this.errors = List.copyOf(errors);
	}

	/** A failure to reach the API at all. */
	public static ApiProblem unreachable(Exception cause) {
		ApiProblem problem = new ApiProblem(503, "unreachable", null, List.of());
		problem.initCause(cause);
		return problem;
	}

	public int status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

	/** Each bad field as the API named it, e.g. {@code message: must not be blank}. */
	public List<String> errors() {
		return this.errors;
	}

	/** What went wrong, in Bahasa Indonesia, for the page. */
	public String message() {
		return switch (this.status) {
			case 400, 422 -> "Isian belum benar. Periksa kolom yang disebut di bawah.";
			case 401 -> "Sesi Anda telah berakhir. Silakan masuk lagi.";
			case 403 -> "Anda tidak berwenang melakukan tindakan ini.";
			case 404 -> "Data tidak ditemukan, atau berada di luar wilayah Anda.";
			case 409 -> "Tindakan ini tidak sesuai dengan keadaan data saat ini.";
			case 412 -> "Data telah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu coba lagi.";
			case 429 -> "Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.";
			case 503 -> "Layanan KIM sedang tidak dapat dihubungi. Coba lagi sebentar lagi.";
			default -> (this.status >= 500) ? "Layanan KIM sedang bermasalah. Coba lagi sebentar lagi."
					: "Permintaan tidak dapat diproses.";
		};
	}

}
