package id.go.kalteng.kim.notification.delivery.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A call to the sandbox's SMS webhook: a delivery report ({@code messageId},
 * {@code status}, optional {@code reason}) or an inbound text ({@code from},
 * {@code text}, optional {@code channel}, SMS by default). Other fields (timestamps,
 * provider details) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SandboxCallback(String messageId, String status, String reason, String from, String text, String channel) {

	boolean isReport() {
		return this.messageId != null || this.status != null;
	}

	boolean isInbound() {
		return this.from != null || this.text != null;
	}

}
