package id.go.kalteng.kim.notification.delivery;

import java.time.Duration;
import java.util.List;

import id.go.kalteng.kim.notification.tracking.Channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a deployer may tune about delivery: which provider sends, how fast, how often a
 * failed send is retried and how long a claimed notification may stay unanswered.
 *
 * @param whatsapp the WhatsApp provider ({@code KIM_WHATSAPP_PROVIDER}: one of
 * {@link #WHATSAPP_PROVIDERS}) and the Cloud API's settings; no default provider: the
 * {@code local} profile sets {@code sandbox}, which only stores what would have been sent
 * and runs in that profile only (see {@code ProviderSelection})
 * @param sms the SMS provider ({@code KIM_SMS_PROVIDER}: one of {@link #SMS_PROVIDERS});
 * as for WhatsApp
 * @param infobip the Infobip-style SMS gateway's settings
 * @param zenziva the Zenziva-style SMS gateway's settings
 * @param publicBaseUrl where providers reach this platform's webhooks (through the
 * gateway), e.g. {@code https://kim.kalteng.go.id}; callback URLs derive from it
 * @param http timeouts of the calls to real providers
 * @param quietHours when NORMAL messages wait, {@code HH:mm-HH:mm} in WIB (Asia/Jakarta),
 * or {@code off}
 * @param delivery the delivery worker's settings
 * @param rateLimits messages per second per channel
 * @param sandbox the sandbox provider's settings
 */
@ConfigurationProperties("kim.notification")
public record NotificationProperties(@DefaultValue WhatsApp whatsapp, @DefaultValue Sms sms,
		@DefaultValue Infobip infobip, @DefaultValue Zenziva zenziva,
		@DefaultValue("http://localhost:8080") String publicBaseUrl, @DefaultValue Http http,
		@DefaultValue("21:00-06:00") String quietHours, @DefaultValue Delivery delivery,
		@DefaultValue RateLimits rateLimits, @DefaultValue Sandbox sandbox) {

	/** The provider that only records messages, for local runs and tests. */
	public static final String SANDBOX = "sandbox";

	/** WhatsApp Cloud API (Meta Graph API). */
	public static final String CLOUD_API = "cloud-api";

	/** An Infobip-style SMS gateway. */
	public static final String INFOBIP = "infobip";

	/** A Zenziva-style SMS gateway. */
	public static final String ZENZIVA = "zenziva";

	/** Every value {@code kim.notification.whatsapp.provider} accepts. */
	public static final List<String> WHATSAPP_PROVIDERS = List.of(CLOUD_API, SANDBOX);

	/** Every value {@code kim.notification.sms.provider} accepts. */
	public static final List<String> SMS_PROVIDERS = List.of(INFOBIP, ZENZIVA, SANDBOX);

	/** The provider configured for a channel (null when none). */
	public String providerOf(Channel channel) {
		return switch (channel) {
			case WHATSAPP -> this.whatsapp.provider();
			case SMS -> this.sms.provider();
		};
	}

	/** Whether the sandbox is the provider of some channel. */
	public boolean sandboxUsed() {
		return SANDBOX.equals(this.whatsapp.provider()) || SANDBOX.equals(this.sms.provider());
	}

	/** A callback URL of this platform: the public base URL and a path. */
	public String callbackUrl(String path) {
		String base = this.publicBaseUrl.endsWith("/")
				? this.publicBaseUrl.substring(0, this.publicBaseUrl.length() - 1) : this.publicBaseUrl;
		return base + path;
	}

	/**
	 * WhatsApp: the provider and the Cloud API's settings.
	 *
	 * @param provider {@code cloud-api} or {@code sandbox}
	 * @param baseUrl the Graph API, with its version
	 * @param phoneNumberId the business phone number's id
	 * @param token the system user's access token (Bearer)
	 * @param appSecret the app secret: the key of {@code X-Hub-Signature-256}
	 * @param verifyToken what Meta's webhook verification must echo
	 * @param defaultTemplate the approved template that carries a message as its one body
	 * variable outside the 24-hour window
	 * @param templateLanguage the default template's language
	 */
	public record WhatsApp(String provider, @DefaultValue("https://graph.facebook.com/v21.0") String baseUrl,
			String phoneNumberId, String token, String appSecret, String verifyToken, String defaultTemplate,
			@DefaultValue("id") String templateLanguage) {

	}

	/**
	 * SMS: the provider.
	 *
	 * @param provider {@code infobip}, {@code zenziva} or {@code sandbox}
	 */
	public record Sms(String provider) {

	}

	/**
	 * @param baseUrl the account's API base URL, e.g.
	 * {@code https://xxxxx.api.infobip.com}
	 * @param apiKey the API key ({@code Authorization: App {key}})
	 * @param sender the sender id ({@code from})
	 */
	public record Infobip(String baseUrl, String apiKey, String sender) {

	}

	/**
	 * @param baseUrl the API base URL, e.g.
	 * {@code https://console.zenziva.net/reguler/api}
	 * @param userkey the user key
	 * @param passkey the pass key
	 */
	public record Zenziva(String baseUrl, String userkey, String passkey) {

	}

	/**
	 * @param connectTimeout how long a connection to a provider may take (a send that
	 * could not connect was certainly not taken: retried)
	 * @param readTimeout how long an answer may take (a send without answer may have been
	 * taken: its outcome is unknown); must stay below the delivery lease
	 * @param throttledWait how long a send the provider throttled waits before it is
	 * tried again; such a wait spends no attempt
	 */
	public record Http(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("20s") Duration readTimeout,
			@DefaultValue("2s") Duration throttledWait) {

	}

	/** How long a webhook secret must be at the least. */
	public static final int MIN_SECRET_LENGTH = 32;

	/**
	 * @param enabled whether this process sends at all
	 * @param sendersPerChannel how many sends of one channel may be in flight at once,
	 * and so how many notifications of the channel a worker holds claimed at most
	 * @param pollInterval how long an idle worker sleeps when nothing wakes it
	 * @param lease how long a claimed notification may stay unanswered before it counts
	 * as interrupted by a crash; must exceed a provider's send timeout
	 * @param maxAttempts send attempts before a notification is FAILED; attempts made
	 * while the provider's breaker is open do not count
	 * @param backoffInitial wait before the second attempt
	 * @param backoffMultiplier growth of the wait per attempt
	 * @param backoffMax longest wait between attempts
	 * @param backoffJitter random spread of each wait (0..1), so retries after an outage
	 * do not arrive together
	 * @param breaker the circuit breaker of each provider
	 * @param recoveryInterval how often the recovery scan (the only scan of the
	 * notifications) looks for QUEUED notifications the worker does not know (queued
	 * before a restart or by another instance) and for claims whose lease expired; it
	 * also runs at start-up
	 */
	public record Delivery(@DefaultValue("true") boolean enabled, @DefaultValue("32") int sendersPerChannel,
			@DefaultValue("1s") Duration pollInterval, @DefaultValue("2m") Duration lease,
			@DefaultValue("5") int maxAttempts, @DefaultValue("10s") Duration backoffInitial,
			@DefaultValue("2.0") double backoffMultiplier, @DefaultValue("15m") Duration backoffMax,
			@DefaultValue("0.2") double backoffJitter, @DefaultValue Breaker breaker,
			@DefaultValue("30s") Duration recoveryInterval) {

	}

	/**
	 * When a provider counts as down: then nothing more is claimed for its channel until
	 * a probe gets through. Keep {@code window × failureRate ≤ maxAttempts} (10 × 50% ≤
	 * 5) so that a notification alone on a channel opens the breaker before its attempts
	 * run out.
	 *
	 * @param failureRate percentage of failed sends among the last {@code window} that
	 * opens the breaker
	 * @param window how many of the last sends are judged
	 * @param minimumCalls sends needed before the failure rate is judged at all
	 * @param openFor how long an open breaker claims nothing before it lets probes
	 * through
	 * @param probes sends let through to try whether the provider is back
	 */
	public record Breaker(@DefaultValue("50") int failureRate, @DefaultValue("10") int window,
			@DefaultValue("5") int minimumCalls, @DefaultValue("30s") Duration openFor, @DefaultValue("1") int probes) {

	}

	/**
	 * @param whatsapp WhatsApp Cloud API allows 80 messages/s per business number by
	 * default
	 * @param sms SMS gateways allow a few to tens per sender
	 */
	public record RateLimits(@DefaultValue("80") int whatsapp, @DefaultValue("20") int sms) {

	}

	/**
	 * Sends per second the sandbox plays each channel's provider as accepting; 0 for no
	 * limit.
	 *
	 * @param whatsapp the WhatsApp provider's simulated limit
	 * @param sms the SMS provider's simulated limit
	 */
	public record SandboxThrottle(@DefaultValue("0") int whatsapp, @DefaultValue("0") int sms) {

	}

	/**
	 * @param webhookSecret the HMAC-SHA256 key of {@code X-Sandbox-Signature} on
	 * {@code /webhooks/sms/sandbox}; no default ({@code ./kim} generates one per
	 * installation)
	 * @param failingPhones numbers (E.164) whose sends the sandbox fails with a transient
	 * error, to try retries and backoff locally
	 * @param throttle the sandbox's simulated provider rate limit per channel: above this
	 * many sends of the channel within any sliding second it answers "throttled" (not
	 * taken, counted in {@code kim.sandbox.throttled}); 0 (default) for none
	 * @param notOnWhatsapp numbers (E.164) the sandbox plays as not on WhatsApp: their
	 * WhatsApp sends are answered like 131026, to watch the SMS fallback locally
	 * @param deliveryReports whether the sandbox reports each message it stored DELIVERED
	 * a moment later; off (default): it gives no reports, so a SENT through it is final
	 */
	public record Sandbox(String webhookSecret, @DefaultValue List<String> failingPhones,
			@DefaultValue SandboxThrottle throttle, @DefaultValue List<String> notOnWhatsapp,
			@DefaultValue("false") boolean deliveryReports) {

		/** The simulated limit of a channel's provider; 0 for none. */
		public int throttleOf(Channel channel) {
			return switch (channel) {
				case WHATSAPP -> this.throttle.whatsapp();
				case SMS -> this.throttle.sms();
			};
		}

		/**
		 * The webhook secret of a running sandbox.
		 * @throws IllegalStateException when it is not set or too short to be secret (the
		 * sandbox does not start)
		 */
		public String requireWebhookSecret() {
			if (this.webhookSecret == null || this.webhookSecret.isBlank()) {
				throw new IllegalStateException("KIM_SANDBOX_WEBHOOK_SECRET (kim.notification.sandbox.webhook-secret)"
						+ " is not set: the sandbox's webhook needs a secret of at least " + MIN_SECRET_LENGTH
						+ " characters to check signatures; ./kim generates one per installation under"
						+ " .kim/data/secrets/sandbox-webhook-secret");
			}
			if (this.webhookSecret.length() < MIN_SECRET_LENGTH) {
				throw new IllegalStateException("KIM_SANDBOX_WEBHOOK_SECRET (kim.notification.sandbox.webhook-secret)"
						+ " is too short: it needs at least " + MIN_SECRET_LENGTH + " characters");
			}
			return this.webhookSecret;
		}

	}

}
