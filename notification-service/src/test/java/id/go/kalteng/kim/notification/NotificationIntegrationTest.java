package id.go.kalteng.kim.notification;

import java.time.Duration;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.notification.delivery.ChannelProviders;
import id.go.kalteng.kim.notification.delivery.DeliveryWorker;
import id.go.kalteng.kim.notification.delivery.NotificationQueue;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The one base of notification-service's integration tests: the whole service
 * ({@link NotificationServiceIntegration}), what most tests call it through, a reader of
 * {@code kim.notification.events} and a publisher of other services' events, opened once
 * per test class.
 */
@NotificationServiceIntegration
public abstract class NotificationIntegrationTest {

	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	protected static final RequestPostProcessor OPERATOR = TestTokens.operator("operator-1");

	protected static TopicReader events;

	protected static TestEventPublisher publisher;

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected DeliveryWorker worker;

	@Autowired
	protected NotificationQueue queue;

	@Autowired
	protected AggregateStore store;

	@Autowired
	protected ChannelProviders providers;

	@Autowired
	protected MeterRegistry meters;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected PhonePseudonyms pseudonyms;

	@BeforeAll
	static void connect(@Autowired JsonMapper json) {
		events = new TopicReader(Topics.NOTIFICATION_EVENTS);
		publisher = new TestEventPublisher(json);
	}

	@AfterAll
	static void disconnect() {
		events.close();
		publisher.close();
	}

}
