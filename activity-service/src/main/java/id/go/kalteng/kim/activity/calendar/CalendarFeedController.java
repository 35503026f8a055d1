package id.go.kalteng.kim.activity.calendar;

import id.go.kalteng.kim.support.security.KimPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Calendar feeds", description = "iCalendar feeds of a kabupaten's or a group's activities")
class CalendarFeedController {

	/** The public path calendar apps poll, without a token. */
	static final String PUBLIC_PATH = "/calendars";

	private final CalendarFeeds feeds;

	private final String publicBaseUrl;

	CalendarFeedController(CalendarFeeds feeds,
			@Value("${kim.activity.calendar.public-base-url:http://localhost:8080}") String publicBaseUrl) {
		this.feeds = feeds;
		this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
	}

	@PostMapping("/api/calendar-feeds")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createCalendarFeed", summary = "Create a calendar feed",
			description = "Either kabupaten or groupId; the URL needs no token and is revoked by deleting the feed.")
	FeedView create(KimPrincipal principal, @Valid @RequestBody CreateFeedRequest request) {
		CalendarFeed feed = this.feeds.create(principal, request.kabupaten(), request.groupId());
		return new FeedView(feed.id(),
				this.publicBaseUrl + PUBLIC_PATH + "/" + feed.id() + "/" + feed.secret() + ".ics");
	}

	@DeleteMapping("/api/calendar-feeds/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "revokeCalendarFeed", summary = "Revoke a calendar feed")
	void revoke(KimPrincipal principal, @PathVariable String id) {
		this.feeds.revoke(principal, id);
	}

	@GetMapping(PUBLIC_PATH + "/{id}/{secret}.ics")
	@Operation(operationId = "calendarFeed", summary = "A calendar feed (RFC 5545), for calendar apps")
	ResponseEntity<String> calendar(@PathVariable String id, @PathVariable String secret) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(ICalendar.MEDIA_TYPE + ";charset=UTF-8"))
			.body(this.feeds.render(id, secret));
	}

	record CreateFeedRequest(@Size(max = 10) @Schema(example = "62.71") String kabupaten,
			@Size(min = 1, max = 100) @Schema(example = "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a77") String groupId) {

	}

	record FeedView(String id, String url) {

	}

}
