package id.go.kalteng.kim.group.membership;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.group.registry.GroupLimits;
import id.go.kalteng.kim.group.registry.Groups;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import id.go.kalteng.kim.support.security.KimPrincipal;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Imports a roster spreadsheet (CSV, comma or semicolon) into a group, streaming: rows
 * are read, applied and answered in batches, so a file of any length needs the memory of
 * one batch. Each row is applied whole or not at all and gets its own answer.
 */
@Service
class RosterImport {

	private static final Logger log = LoggerFactory.getLogger(RosterImport.class);

	static final int BATCH = 200;

	/** The longest header line read, in characters. */
	static final int MAX_HEADER = 8192;

	private static final String NOT_CSV = "is not a CSV text file (it has binary content); save the sheet as "
			+ "CSV UTF-8 (comma or semicolon separated)";

	private final Groups groups;

	private final GroupLimits limits;

	private final Clock clock;

	RosterImport(Groups groups, GroupLimits limits, Clock clock) {
		this.groups = groups;
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * Checks the caller may manage the group's members and that the header is one line of
	 * text (at most {@link #MAX_HEADER} characters, quotes closed) naming the required
	 * columns, before anything is answered or applied.
	 */
	Roster open(KimPrincipal principal, String groupId, InputStream csv) {
		this.groups.visible(principal, groupId);
		try {
			BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
			String header = header(reader);
			char delimiter = (count(header, ';') > count(header, ',')) ? ';' : ',';
			CSVFormat format = CSVFormat.DEFAULT.builder()
				.setDelimiter(delimiter)
				.setIgnoreEmptyLines(true)
				.setTrim(true)
				.get();
			Map<String, Integer> columns = columns(headerRecord(format, header));
			CSVParser parser = format.parse(reader);
			Iterator<CSVRecord> records = parser.iterator();
			records.next(); // the header line, read above
			return new Roster(parser, records, columns);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The first line, read no further than {@link #MAX_HEADER} characters (the reader is
	 * left at the start): a roster's header is a short line of column names, so a longer
	 * one, binary content or nothing at all is not a roster.
	 */
	private static String header(BufferedReader reader) throws IOException {
		reader.mark(MAX_HEADER + 1);
		StringBuilder line = new StringBuilder();
		int c = reader.read();
		while (c != -1 && c != '\n' && c != '\r') {
			if (isBinary((char) c)) {
				throw DomainException.invalid("file", NOT_CSV);
			}
			if (line.length() == MAX_HEADER) {
				throw DomainException.invalid("header", "is longer than " + MAX_HEADER
						+ " characters; the first line must be the column names (nama, no_hp, ...)");
			}
			line.append((char) c);
			c = reader.read();
		}
		reader.reset();
		if (line.isEmpty() || line.toString().isBlank()) {
			throw DomainException.invalid("file", "is empty; expected a header row (nama, no_hp, ...)");
		}
		return line.toString();
	}

	/**
	 * NUL, other control characters and bytes that are not UTF-8 do not occur in text.
	 */
	private static boolean isBinary(char c) {
		return c == '\uFFFD' || (c < ' ' && c != '\t');
	}

	private static CSVRecord headerRecord(CSVFormat format, String header) {
		try (CSVParser parser = format.parse(new StringReader(header))) {
			return parser.iterator().next();
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			throw DomainException.invalid("header", "cannot be read: a quote (\") is not closed, or is followed by "
					+ "more text in the same column; the header must be one line of column names");
		}
	}

	/**
	 * Applies the rows in batches, handing each batch's answers to {@code sink} once they
	 * are stored.
	 */
	Summary apply(KimPrincipal principal, String groupId, String idempotencyKey, Roster roster, RowSink sink) {
		int accepted = 0;
		int rejected = 0;
		List<CSVRecord> batch = new ArrayList<>(BATCH);
		RowResult malformed = null;
		while (malformed == null) {
			boolean more;
			try {
				more = roster.records().hasNext();
				if (more) {
					batch.add(roster.records().next());
				}
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				// commons-csv reports an unbalanced quote and the like this way; what was
				// read
				// before is still answered, the rest of the file is not applied
				malformed = RowResult.rejected(roster.parser().getCurrentLineNumber(), "malformed-csv",
						List.of(FieldViolation.of("file", "cannot be read from here on: " + ex.getMessage())));
				more = false;
			}
			if (batch.size() == BATCH || (!more && !batch.isEmpty())) {
				for (RowResult result : applyBatch(principal, groupId, idempotencyKey, roster.columns(), batch)) {
					if (result.memberId() != null) {
						accepted++;
					}
					else {
						rejected++;
					}
					sink.accept(result);
				}
				batch.clear();
			}
			if (!more) {
				break;
			}
		}
		if (malformed != null) {
			rejected++;
			sink.accept(malformed);
		}
		log.info("roster import into group {} by {}: {} rows accepted, {} rejected", groupId, principal.id(), accepted,
				rejected);
		return new Summary(accepted, rejected);
	}

	private List<RowResult> applyBatch(KimPrincipal principal, String groupId, String idempotencyKey,
			Map<String, Integer> columns, List<CSVRecord> batch) {
		return this.groups.change(principal, groupId, null, (group) -> {
			List<RowResult> results = new ArrayList<>(batch.size());
			for (CSVRecord record : batch) {
				long row = record.getRecordNumber();
				RosterRow.Result read = RosterRow.read(record, columns);
				if (read.details() == null) {
					results.add(RowResult.rejected(row, null, read.errors()));
					continue;
				}
				String memberId = IdempotencyKeys.idFor("member", principal.id() + "/" + groupId,
						(idempotencyKey != null) ? idempotencyKey + "#" + row : null);
				try {
					group.join(memberId, read.details(), new ChannelConsent(true, true), this.limits,
							this.clock.instant());
					results.add(RowResult.accepted(row, memberId));
				}
				catch (DomainException ex) {
					results.add(RowResult.rejected(row, ex.type(), List.of(FieldViolation.of("row", ex.getMessage()))));
				}
			}
			return results;
		});
	}

	private static Map<String, Integer> columns(CSVRecord header) {
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String field = RosterRow.fieldOf(header.get(i));
			if (field != null) {
				columns.putIfAbsent(field, i);
			}
		}
		List<FieldViolation> missing = RosterRow.REQUIRED.stream()
			.filter((field) -> !columns.containsKey(field))
			.map((field) -> FieldViolation.of("header",
					"has no column " + field + " (accepted names: " + RosterRow.COLUMNS.get(field) + ")"))
			.toList();
		if (!missing.isEmpty()) {
			throw DomainException.invalid(missing);
		}
		return columns;
	}

	private static long count(String line, char c) {
		return line.chars().filter((ch) -> ch == c).count();
	}

	/**
	 * An opened roster: the remaining records and where each field is.
	 *
	 * @param parser the parser reading the file
	 * @param records the data rows still to read
	 * @param columns canonical field → column index
	 */
	record Roster(CSVParser parser, Iterator<CSVRecord> records, Map<String, Integer> columns) {

	}

	/** Receives the answer of each row, in file order. */
	interface RowSink {

		void accept(RowResult result);

	}

	/**
	 * The answer for one row.
	 *
	 * @param row the line number in the file (the header is line 1)
	 * @param status ACCEPTED or REJECTED
	 * @param memberId the member created, when accepted
	 * @param rule the domain rule that refused it, when one did
	 * @param errors what is wrong, when rejected
	 */
	record RowResult(long row, String status, String memberId, String rule, List<FieldViolation> errors) {

		static RowResult accepted(long row, String memberId) {
			return new RowResult(row, "ACCEPTED", memberId, null, List.of());
		}

		static RowResult rejected(long row, String rule, List<FieldViolation> errors) {
			return new RowResult(row, "REJECTED", null, rule, errors);
		}

	}

	/**
	 * Totals of an import.
	 *
	 * @param accepted rows that added (or had already added) a member
	 * @param rejected rows refused
	 */
	record Summary(int accepted, int rejected) {

	}

}
