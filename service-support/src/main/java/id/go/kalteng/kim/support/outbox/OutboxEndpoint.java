package id.go.kalteng.kim.support.outbox;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/outbox} for operators: documents with pending events per collection
 * and the parked events (without payloads); {@code POST
 * /actuator/outbox/{collection}/{aggregateId}} retries an aggregate's parked events. Role
 * OPERATOR only.
 */
@Endpoint(id = "outbox")
public class OutboxEndpoint {

	private static final String ROLE = "OPERATOR";

	private final ParkedEvents parked;

	public OutboxEndpoint(ParkedEvents parked) {
		this.parked = parked;
	}

	@ReadOperation
	public WebEndpointResponse<OutboxState> outbox(SecurityContext security) {
		if (!security.isUserInRole(ROLE)) {
			return new WebEndpointResponse<>(403);
		}
		return new WebEndpointResponse<>(new OutboxState(this.parked.pendingDocuments(), this.parked.list()));
	}

	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> retry(SecurityContext security, @Selector String collection,
			@Selector String aggregateId) {
		if (!security.isUserInRole(ROLE)) {
			return new WebEndpointResponse<>(403);
		}
		try {
			return new WebEndpointResponse<>(Map.of("requeued", this.parked.retry(collection, aggregateId)));
		}
		catch (IllegalArgumentException ex) {
			return new WebEndpointResponse<>(Map.of("error", ex.getMessage()), WebEndpointResponse.STATUS_NOT_FOUND);
		}
		catch (IllegalStateException ex) {
			return new WebEndpointResponse<>(Map.of("error", ex.getMessage()), 409);
		}
	}

	/**
	 * What the outbox holds.
	 *
	 * @param pendingDocuments documents with events waiting, per collection
	 * @param parked the parked events
	 */
	public record OutboxState(Map<String, Long> pendingDocuments, List<ParkedEvent> parked) {

	}

}
