package id.go.kalteng.kim.contracts.group;

/** Whether a member agreed to receive messages on each channel. */
public record ChannelConsent(boolean sms, boolean whatsapp) {

}
