package id.go.kalteng.kim.stream.events;

import java.util.List;

import id.go.kalteng.kim.support.web.ApiException;

import org.springframework.http.HttpStatus;

/** 503: every stream slot is taken; the client tries again a little later. */
class StreamsBusyException extends ApiException {

	StreamsBusyException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "streams-busy", "Too many open streams",
				"This instance serves as many event streams as it may; try again shortly", List.of());
	}

}
