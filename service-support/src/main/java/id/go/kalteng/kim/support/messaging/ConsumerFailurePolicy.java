package id.go.kalteng.kim.support.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultBackOffHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The platform's rule for a record whose handler throws, applied to every consumer
 * binding (the Kafka binder hands retries and dead letters to the listener container):
 * <ul>
 * <li>a passing failure ({@link TransientFailures}: database or broker unreachable,
 * timeout, concurrent write) is tried again without limit, waiting longer each time up to
 * {@link MessagingProperties#transientRetryMax()}; meanwhile only that record's partition
 * is paused, so no later record of it is applied first, and other partitions go on;</li>
 * <li>any other failure is tried as often as the binding's {@code max-attempts} allows (3
 * by default, with its back-off) and then goes to the dead-letter topic
 * {@code error.<topic>.<group>}, with its headers and the error; the partition goes
 * on.</li>
 * </ul>
 * A record whose failure changes kind between tries follows the rule of its latest
 * failure.
 */
public class ConsumerFailurePolicy implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ConsumerFailurePolicy.class);

	private final MessagingProperties properties;

	private final MeterRegistry meters;

	private final DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducers;

	private final KafkaTemplate<byte[], byte[]> deadLetters;

	private final ThreadPoolTaskScheduler resumer = new ThreadPoolTaskScheduler();

	private final ListenerContainerPauseService pauses;

	/** The record the consumer thread is failing on right now, and how. */
	private final ThreadLocal<Attempt> attempt = new ThreadLocal<>();

	public ConsumerFailurePolicy(Map<String, Object> producerProperties, MessagingProperties properties,
			MeterRegistry meters) {
		this.properties = properties;
		this.meters = meters;
		this.deadLetterProducers = new DefaultKafkaProducerFactory<>(producerProperties, new ByteArraySerializer(),
				new ByteArraySerializer());
		this.deadLetters = new KafkaTemplate<>(this.deadLetterProducers);
		this.resumer.setPoolSize(1);
		this.resumer.setThreadNamePrefix("kim-consumer-resume-");
		this.resumer.setDaemon(true);
		this.resumer.initialize();
		this.pauses = new ListenerContainerPauseService(null, this.resumer);
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
		configure(container, destinationName, group, dlqDestinationResolver, backOff, null);
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
			ExtendedConsumerProperties<KafkaConsumerProperties> binding) {
		ConsumerAwareRecordRecoverer recoverer = null;
		if (dlqDestinationResolver != null) {
			String dlq = (binding != null && StringUtils.hasText(binding.getExtension().getDlqName()))
					? binding.getExtension().getDlqName() : "error." + destinationName + "." + group;
			// partition chosen by key: one aggregate's dead letters stay in order
			DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(this.deadLetters,
					(record, ex) -> new TopicPartition(dlq, -1));
			// the headers name the handler's own exception, not the listener's wrappers
			recoverer = (record, consumer, ex) -> publisher.accept(record, consumer, handlerFailure(ex));
		}
		BackOff bounded = (backOff != null) ? backOff : new FixedBackOff(0, 0);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new ByKind(bounded), new PartitionPausing());
		handler.setRetryListeners(new Tracking(group));
		container.setCommonErrorHandler(handler);
	}

	/**
	 * Retries and dead letters belong to the container (this policy), not the binding.
	 */
	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	@Override
	public void destroy() {
		this.resumer.shutdown();
		this.deadLetterProducers.destroy();
	}

	private static Exception handlerFailure(Exception ex) {
		Exception failure = ex;
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof Exception exception) {
				failure = exception;
			}
		}
		return failure;
	}

	private BackOff unlimited() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.properties.transientRetryInitial().toMillis(), 2.0);
		backOff.setMaxInterval(this.properties.transientRetryMax().toMillis());
		backOff.setMaxAttempts(Long.MAX_VALUE);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		return backOff;
	}

	private record Attempt(TopicPartition partition, boolean passing) {

	}

	/**
	 * Tells the back-off which kind of failure it is waiting on (the error handler
	 * reports each failed delivery just before asking for the next wait), and counts and
	 * logs.
	 */
	private final class Tracking implements RetryListener {

		private final String group;

		Tracking(String group) {
			this.group = group;
		}

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
			boolean passing = TransientFailures.isTransient(ex);
			ConsumerFailurePolicy.this.attempt
				.set(new Attempt(new TopicPartition(record.topic(), record.partition()), passing));
			ConsumerFailurePolicy.this.meters
				.counter("kim.events.retried", "group", this.group, "topic", record.topic(), "kind",
						passing ? "transient" : "other")
				.increment();
			if (passing) {
				log.warn("{} waits on {}-{}@{} (try {}), the partition is paused: {}", this.group, record.topic(),
						record.partition(), record.offset(), deliveryAttempt, rootCause(ex));
			}
			else {
				log.warn("{} failed on {}-{}@{} (try {}): {}", this.group, record.topic(), record.partition(),
						record.offset(), deliveryAttempt, rootCause(ex));
			}
		}

		@Override
		public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
			ConsumerFailurePolicy.this.meters
				.counter("kim.events.dead-lettered", "group", this.group, "topic", record.topic())
				.increment();
			log.error("{} dead-lettered {}-{}@{}: {}", this.group, record.topic(), record.partition(), record.offset(),
					rootCause(ex));
		}

		@Override
		public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
			log.error("{} could not dead-letter {}-{}@{}, will try again: {}", this.group, record.topic(),
					record.partition(), record.offset(), failure.toString());
		}

		private static String rootCause(Throwable ex) {
			Throwable cause = ex;
			while (cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			return cause.toString();
		}

	}

	/**
	 * Waits without limit while the failure is passing, and as the binding says
	 * otherwise; a record starts afresh when its failure changes kind.
	 */
	private final class ByKind implements BackOff {

		private final BackOff bounded;

		ByKind(BackOff bounded) {
			this.bounded = bounded;
		}

		@Override
		public BackOffExecution start() {
			return new BackOffExecution() {

				private BackOffExecution passing;

				private BackOffExecution other;

				@Override
				public long nextBackOff() {
					Attempt current = ConsumerFailurePolicy.this.attempt.get();
					if (current != null && current.passing()) {
						this.other = null;
						if (this.passing == null) {
							this.passing = unlimited().start();
						}
						return this.passing.nextBackOff();
					}
					this.passing = null;
					if (this.other == null) {
						this.other = ByKind.this.bounded.start();
					}
					return this.other.nextBackOff();
				}

			};
		}

	}

	/**
	 * Pauses only the failing record's partition for the wait, instead of holding the
	 * consumer thread (and with it every other partition) in a sleep.
	 */
	private final class PartitionPausing implements BackOffHandler {

		private final DefaultBackOffHandler sleeping = new DefaultBackOffHandler();

		@Override
		public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
			Attempt current = ConsumerFailurePolicy.this.attempt.get();
			ConsumerFailurePolicy.this.attempt.remove();
			if (container == null || current == null) {
				this.sleeping.onNextBackOff(container, exception, nextBackOff);
				return;
			}
			ConsumerFailurePolicy.this.pauses.pausePartition(container, current.partition(),
					Duration.ofMillis(nextBackOff));
		}

	}

}
