package id.go.kalteng.kim.group.membership;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/groups/{id}/members/import}: a roster as {@code text/csv} body or as
 * the {@code file} part of a form upload. The answer streams one entry per row, then the
 * totals: {@code {"groupId", "rows": [...], "accepted", "rejected"}}.
 */
@RestController
@RequestMapping("/api/groups/{groupId}/members/import")
@Tag(name = "Members")
class RosterController {

	private static final List<MediaType> CSV_TYPES = List.of(MediaType.parseMediaType("text/*"),
			MediaType.parseMediaType("application/csv"), MediaType.parseMediaType("application/vnd.ms-excel"),
			MediaType.APPLICATION_OCTET_STREAM);

	private final RosterImport imports;

	private final JsonMapper json;

	RosterController(RosterImport imports, JsonMapper json) {
		this.imports = imports;
		this.json = json;
	}

	@PostMapping(consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE })
	@Operation(operationId = "importRoster", summary = "Import members from a CSV roster",
			description = "The answer streams one entry per row, then the totals.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					description = "The roster: a header row of column names, then one member per row",
					content = {
							@Content(mediaType = "text/csv",
									schema = @Schema(type = "string",
											example = "nama,no_hp,jenis_kelamin,kelompok_usia,pekerjaan,jabatan\n"
													+ "Siti Rahmawati,081234567890,P,DEWASA,PETANI,\n")),
							@Content(mediaType = MediaType.TEXT_PLAIN_VALUE,
									schema = @Schema(type = "string",
											example = "nama,no_hp,jenis_kelamin,kelompok_usia,pekerjaan,jabatan\n"
													+ "Siti Rahmawati,081234567890,P,DEWASA,PETANI,\n")) }))
	void importCsv(KimPrincipal principal, @PathVariable String groupId,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		run(principal, groupId, idempotencyKey, request.getInputStream(), response);
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(operationId = "importRoster", summary = "Import members from a CSV roster")
	void importUpload(KimPrincipal principal, @PathVariable String groupId,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@RequestPart("file") MultipartFile file, HttpServletResponse response) throws IOException {
		if (file.isEmpty()) {
			throw ApiException.invalid("file", "is empty; expected a CSV roster with a header row");
		}
		if (!isCsv(file.getContentType())) {
			throw ApiException.unsupportedMediaType("file", "is " + file.getContentType()
					+ ", not a CSV roster; save the sheet as CSV UTF-8 (text/csv) and upload that");
		}
		try (InputStream in = file.getInputStream()) {
			run(principal, groupId, idempotencyKey, in, response);
		}
	}

	/**
	 * What browsers and spreadsheet programs label a CSV file with (Windows calls it
	 * {@code application/vnd.ms-excel}); the content itself is checked when read.
	 */
	private static boolean isCsv(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return true;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return CSV_TYPES.stream().anyMatch((csv) -> csv.includes(type));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private void run(KimPrincipal principal, String groupId, String idempotencyKey, InputStream csv,
			HttpServletResponse response) throws IOException {
		RosterImport.Roster roster = this.imports.open(principal, groupId, csv);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		try (JsonGenerator answer = this.json.createGenerator(response.getOutputStream())) {
			answer.writeStartObject();
			answer.writeStringProperty("groupId", groupId);
			answer.writeArrayPropertyStart("rows");
			RosterImport.Summary summary = this.imports.apply(principal, groupId, idempotencyKey, roster,
					answer::writePOJO);
			answer.writeEndArray();
			answer.writeNumberProperty("accepted", summary.accepted());
			answer.writeNumberProperty("rejected", summary.rejected());
			answer.writeEndObject();
		}
	}

}
