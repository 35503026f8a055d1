package id.go.kalteng.kim.notification.delivery;

/**
 * A provider's answer to a send it accepted: its id of the message, which its delivery
 * reports name; kept on the notification.
 */
public record SendReceipt(String providerMessageId) {

}
