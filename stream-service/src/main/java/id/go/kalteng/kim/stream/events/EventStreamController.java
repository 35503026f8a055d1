package id.go.kalteng.kim.stream.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.stream.publiclog.Redaction;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import id.go.kalteng.kim.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/streams/events}: the redacted public log as Server-Sent Events, scoped
 * to the caller's kabupaten (an OPERATOR may choose any), resumable with
 * {@code Last-Event-ID}.
 */
@RestController
class EventStreamController {

	private final EventStreams streams;

	private final Redaction redaction;

	EventStreamController(EventStreams streams, Redaction redaction) {
		this.streams = streams;
		this.redaction = redaction;
	}

	@Operation(
			summary = "Stream the redacted public log of the caller's kabupaten as Server-Sent Events; resume with Last-Event-ID")
	@GetMapping(path = "/api/streams/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@PreAuthorize("hasAnyRole('AGENCY', 'OPERATOR')")
	SseEmitter events(KimPrincipal caller, @RequestParam(required = false) List<String> types,
			@RequestParam(required = false) List<String> kabupaten,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
			@RequestParam(required = false) String lastEventId, @RequestParam(required = false) String from) {
		List<String> scope = scope(caller, kabupaten);
		Set<String> wantedTypes = types(types);
		String resume = (lastEventIdHeader != null && !lastEventIdHeader.isBlank()) ? lastEventIdHeader : lastEventId;
		Optional<StreamPosition> position = Optional.empty();
		if (resume != null && !resume.isBlank()) {
			position = StreamPosition.parse(resume);
			if (position.isEmpty()) {
				throw ApiException.invalid("Last-Event-ID", "is not an id of this stream");
			}
		}
		if (from != null && !from.equals("oldest") && !from.equals("latest")) {
			throw ApiException.invalid("from", "must be oldest or latest");
		}
		return this.streams.open(new StreamRequest(scope, wantedTypes, position, "oldest".equals(from)));
	}

	/** The kabupaten the caller may stream, narrowed to those it asked for. */
	private static List<String> scope(KimPrincipal caller, List<String> asked) {
		List<String> wanted = new ArrayList<>();
		if (asked != null) {
			for (String code : asked.stream().flatMap((value) -> List.of(value.split(",")).stream()).toList()) {
				String trimmed = code.trim();
				if (!Kabupaten.isKnown(trimmed)) {
					throw ApiException.invalid("kabupaten", "must be a kabupaten/kota code such as 62.71");
				}
				if (!wanted.contains(trimmed)) {
					wanted.add(trimmed);
				}
			}
		}
		if (caller.isOperator()) {
			return wanted.isEmpty() ? Kabupaten.codes() : wanted;
		}
		if (caller.has(Role.AGENCY) && caller.kabupaten() != null && Kabupaten.isKnown(caller.kabupaten())) {
			if (wanted.stream().anyMatch((code) -> !code.equals(caller.kabupaten()))) {
				throw ApiException.forbidden("kabupaten-scope", "An agency streams only its own kabupaten");
			}
			return List.of(caller.kabupaten());
		}
		throw ApiException.forbidden("An event stream is for agencies and operators");
	}

	private Set<String> types(List<String> asked) {
		Set<String> wanted = new LinkedHashSet<>();
		if (asked != null) {
			for (String type : asked.stream().flatMap((value) -> List.of(value.split(",")).stream()).toList()) {
				String trimmed = type.trim();
				if (!this.redaction.knows(trimmed)) {
					throw ApiException.invalid("types", "unknown event type " + trimmed);
				}
				wanted.add(trimmed);
			}
		}
		return wanted;
	}

}
