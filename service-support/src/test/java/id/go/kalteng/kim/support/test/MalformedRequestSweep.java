package id.go.kalteng.kim.support.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Sends malformed variants of every operation of a service's own OpenAPI document
 * ({@code /v3/api-docs}) and fails on any 5xx, and on any 4xx that is not
 * {@code application/problem+json}: bad path ids (very long, {@code %00}, unicode,
 * {@code ..}), each query parameter and header with wrong types, negative, huge and
 * overflowing values, bodies that are {@code null}, {@code []}, {@code "x"}, {@code {}},
 * deeply nested or huge, each body field with values of the wrong type, and wrong content
 * types; as an OPERATOR and unauthenticated.
 *
 * <p>
 * Nothing is left out silently: an operation that cannot be swept is listed with
 * {@link #skip}, and a finding in code another change owns is listed with
 * {@link #knownFailure} (still sent; the sweep fails when it no longer fails, so the
 * entry is removed once fixed).
 */
public final class MalformedRequestSweep {

	/** {@code -Dkim.sweep.verbose=true} prints the status of every probe. */
	private static final boolean VERBOSE = Boolean.getBoolean("kim.sweep.verbose");

	private final MockMvc mvc;

	private final JsonMapper json;

	private final Map<String, RequestPostProcessor> callers = new LinkedHashMap<>();

	private final Map<String, String> pathValues = new LinkedHashMap<>();

	private final List<Signer> signers = new ArrayList<>();

	private final List<Skipped> skipped = new ArrayList<>();

	private final List<KnownFailure> knownFailures = new ArrayList<>();

	private MalformedRequestSweep(MockMvc mvc, JsonMapper json) {
		this.mvc = mvc;
		this.json = json;
		this.callers.put("OPERATOR", TestTokens.operator("operator-sweep"));
		this.callers.put("unauthenticated", null);
	}

	/** A sweep of the service behind {@code mvc}, as an OPERATOR and unauthenticated. */
	public static MalformedRequestSweep of(MockMvc mvc, JsonMapper json) {
		return new MalformedRequestSweep(mvc, json);
	}

	/**
	 * The well-formed value of a path variable (an id that exists), so that malformed
	 * parameters and bodies reach further than a 404; {@code sweep-0} otherwise.
	 */
	public MalformedRequestSweep pathValue(String variable, String value) {
		this.pathValues.put(variable, value);
		return this;
	}

	/**
	 * Signs the requests to paths starting with {@code pathPrefix} (provider webhooks,
	 * which are verified by signature, not by token) once their body is final.
	 */
	public MalformedRequestSweep sign(String pathPrefix, RequestPostProcessor signer) {
		this.signers.add(new Signer(pathPrefix, signer));
		return this;
	}

	/**
	 * Leaves an operation out of the sweep, for the reason given (listed in the report).
	 */
	public MalformedRequestSweep skip(String method, String path, String reason) {
		this.skipped.add(new Skipped(method.toUpperCase(Locale.ROOT), path, reason));
		return this;
	}

	/**
	 * A finding already known and owned elsewhere: the probes of {@code method path}
	 * whose label contains {@code probe} may fail without failing the sweep, and must
	 * fail (the sweep says so when they no longer do, so the entry is removed).
	 */
	public MalformedRequestSweep knownFailure(String method, String path, String probe, String reason) {
		this.knownFailures.add(new KnownFailure(method.toUpperCase(Locale.ROOT), path, probe, reason));
		return this;
	}

	/** Each of {@code known}, as {@link #knownFailure} would list it. */
	public MalformedRequestSweep knownFailures(List<KnownFailure> known) {
		known.forEach((failure) -> knownFailure(failure.method(), failure.path(), failure.probe(), failure.reason()));
		return this;
	}

	/**
	 * Runs the sweep.
	 * @throws AssertionError listing every finding (status, probe, cause), every known
	 * failure that no longer fails, or when the document has no operation
	 */
	public Report run() throws Exception {
		JsonNode document = this.json.readTree(this.mvc.perform(MockMvcRequestBuilders.get("/v3/api-docs"))
			.andReturn()
			.getResponse()
			.getContentAsString());
		List<SweepProbes.Operation> operations = SweepProbes.operations(document);
		if (operations.isEmpty()) {
			throw new AssertionError("The OpenAPI document at /v3/api-docs lists no operation to sweep");
		}
		List<String> findings = new ArrayList<>();
		List<String> tolerated = new ArrayList<>();
		Map<KnownFailure, Integer> knownSeen = new LinkedHashMap<>();
		this.knownFailures.forEach((known) -> knownSeen.put(known, 0));
		int sent = 0;
		int swept = 0;
		for (SweepProbes.Operation operation : operations) {
			if (isSkipped(operation)) {
				continue;
			}
			swept++;
			for (SweepProbes.Probe probe : new SweepProbes(document, this.json, this.pathValues).probesOf(operation)) {
				for (Map.Entry<String, RequestPostProcessor> caller : this.callers.entrySet()) {
					String problem = send(operation, probe, caller.getValue());
					sent++;
					if (problem == null) {
						continue;
					}
					String finding = operation.method() + " " + operation.path() + " [" + caller.getKey() + "] "
							+ probe.label() + " → " + problem;
					KnownFailure known = knownFailureOf(operation, probe);
					if (known != null) {
						knownSeen.merge(known, 1, Integer::sum);
						tolerated.add(finding + " (known: " + known.reason() + ")");
					}
					else {
						findings.add(finding);
					}
				}
			}
		}
		List<String> stale = knownSeen.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == 0)
			.map((entry) -> entry.getKey() + " no longer fails: remove it from the known failures")
			.toList();
		Report report = new Report(swept, sent, findings, tolerated, stale, List.copyOf(this.skipped));
		System.out.println(report);
		if (!findings.isEmpty() || !stale.isEmpty()) {
			throw new AssertionError(report.toString());
		}
		return report;
	}

	/** What is wrong with the answer to a probe, or null when nothing is. */
	private String send(SweepProbes.Operation operation, SweepProbes.Probe probe, RequestPostProcessor caller) {
		try {
			MockHttpServletResponse response = this.mvc.perform(request(operation, probe, caller))
				.andReturn()
				.getResponse();
			int status = response.getStatus();
			if (VERBOSE) {
				System.out.println("[sweep] " + status + " " + operation.method() + " " + operation.path() + " "
						+ probe.label() + ((caller == null) ? " (unauthenticated)" : ""));
			}
			if (status >= 500) {
				return status + " " + abbreviate(response.getContentAsString());
			}
			if (status >= 400 && !isProblem(response.getContentType())) {
				return status + " not problem+json (Content-Type " + response.getContentType() + ") "
						+ abbreviate(response.getContentAsString());
			}
			return null;
		}
		catch (Exception | StackOverflowError ex) {
			return "500 (thrown) " + causeOf(ex);
		}
	}

	private RequestBuilder request(SweepProbes.Operation operation, SweepProbes.Probe probe,
			RequestPostProcessor caller) {
		URI uri = URI.create(probe.rawPath() + ((probe.rawQuery() != null) ? "?" + probe.rawQuery() : ""));
		HttpMethod method = HttpMethod.valueOf(operation.method());
		if (probe.parts() != null) {
			MockMultipartHttpServletRequestBuilder multipart = MockMvcRequestBuilders.multipart(method, uri);
			probe.parts().forEach(multipart::file);
			return decorate(multipart, probe, caller);
		}
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, uri);
		if (probe.body() != null) {
			request.content(probe.body());
		}
		return decorate(request, probe, caller);
	}

	private <B extends AbstractMockHttpServletRequestBuilder<B>> B decorate(B request, SweepProbes.Probe probe,
			RequestPostProcessor caller) {
		if (probe.contentType() != null) {
			// set on the request itself: the builder would refuse a malformed one
			request.with((servletRequest) -> {
				servletRequest.setContentType(probe.contentType());
				return servletRequest;
			});
		}
		probe.headers().forEach(request::header);
		if (caller != null) {
			request.with(caller);
		}
		for (Signer signer : this.signers) {
			if (probe.rawPath().startsWith(signer.pathPrefix())) {
				request.with(signer.signer());
			}
		}
		return request;
	}

	private boolean isSkipped(SweepProbes.Operation operation) {
		return this.skipped.stream()
			.anyMatch((skip) -> skip.method().equals(operation.method()) && skip.path().equals(operation.path()));
	}

	private KnownFailure knownFailureOf(SweepProbes.Operation operation, SweepProbes.Probe probe) {
		Predicate<KnownFailure> matches = (known) -> known.method().equals(operation.method())
				&& known.path().equals(operation.path()) && probe.label().contains(known.probe());
		return this.knownFailures.stream().filter(matches).findFirst().orElse(null);
	}

	private static boolean isProblem(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** The root cause and where in the platform's code it was thrown. */
	private static String causeOf(Throwable thrown) {
		Throwable root = thrown;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		StringBuilder cause = new StringBuilder(root.getClass().getName()).append(": ")
			.append(abbreviate(String.valueOf(root.getMessage())));
		for (StackTraceElement frame : root.getStackTrace()) {
			if (frame.getClassName().startsWith("id.go.kalteng.kim")) {
				cause.append(" at ").append(frame);
				break;
			}
		}
		return cause.toString();
	}

	private static String abbreviate(String text) {
		String line = text.replace('\n', ' ');
		return (line.length() > 300) ? line.substring(0, 300) + "…" : line;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static MockMultipartFile part(String name, String filename, String contentType, byte[] content) {
		return new MockMultipartFile(name, filename, contentType, content);
	}

	private record Signer(String pathPrefix, RequestPostProcessor signer) {
	}

	/**
	 * An operation left out, and why.
	 *
	 * @param method the HTTP method
	 * @param path the path as the document writes it
	 * @param reason why it cannot be swept
	 */
	public record Skipped(String method, String path, String reason) {
	}

	/**
	 * A finding owned elsewhere.
	 *
	 * @param method the HTTP method
	 * @param path the path as the document writes it
	 * @param probe a part of the probe's label
	 * @param reason whose it is and what fails
	 */
	public record KnownFailure(String method, String path, String probe, String reason) {

		@Override
		public String toString() {
			return "known failure " + this.method + " " + this.path + " [" + this.probe + "] (" + this.reason + ")";
		}

	}

	/**
	 * What a sweep did and found.
	 *
	 * @param operations operations swept
	 * @param requests requests sent
	 * @param findings 5xx answers, and 4xx answers that are not problem+json
	 * @param tolerated findings listed as known failures
	 * @param stale known failures that no longer fail
	 * @param skipped operations left out, with the reason
	 */
	public record Report(int operations, int requests, List<String> findings, List<String> tolerated,
			List<String> stale, List<Skipped> skipped) {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder("[malformed-request sweep] ").append(this.operations)
				.append(" operations, ")
				.append(this.requests)
				.append(" requests, ")
				.append(this.findings.size())
				.append(" findings, ")
				.append(this.tolerated.size())
				.append(" known failures, ")
				.append(this.skipped.size())
				.append(" skipped");
			this.findings.forEach((finding) -> text.append("\n  FINDING ").append(finding));
			this.stale.forEach((entry) -> text.append("\n  STALE ").append(entry));
			this.tolerated.forEach((entry) -> text.append("\n  KNOWN ").append(entry));
			this.skipped.forEach((skip) -> text.append("\n  SKIPPED ")
				.append(skip.method())
				.append(' ')
				.append(skip.path())
				.append(": ")
				.append(skip.reason()));
			return text.toString();
		}

	}

}
