package id.go.kalteng.kim.notification;

import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import id.go.kalteng.kim.notification.delivery.ChannelProvider;
import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.delivery.ProviderUnavailableException;
import id.go.kalteng.kim.notification.delivery.SendReceipt;
import id.go.kalteng.kim.notification.tracking.Channel;

import org.springframework.web.client.ResourceAccessException;

/**
 * The configured provider of a channel (the sandbox) with faults a test switches on: an
 * outage, a read timeout after the provider took the message, sends that hang as in a
 * process about to be killed, and no idempotency. Without a fault it only passes the send
 * on, and counts it.
 */
final class ScriptedChannelProvider implements ChannelProvider {

	private final ChannelProvider delegate;

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final List<String> accepted = new CopyOnWriteArrayList<>();

	private final Set<String> timeOutAfterAccepting = ConcurrentHashMap.newKeySet();

	private volatile boolean down;

	private volatile Boolean idempotent;

	private volatile CountDownLatch hang;

	ScriptedChannelProvider(ChannelProvider delegate) {
		this.delegate = delegate;
	}

	/** Every send fails as if the provider's endpoint refused connections. */
	void outage() {
		this.down = true;
	}

	/** The provider works again. */
	void recover() {
		this.down = false;
	}

	/**
	 * The next send to this phone reaches the provider, which takes the message, but the
	 * answer never arrives (a read timeout).
	 */
	void timeOutAfterAccepting(String phone) {
		this.timeOutAfterAccepting.add(phone);
	}

	/** The provider cannot deduplicate: sending a notification twice sends it twice. */
	void withoutIdempotency() {
		this.idempotent = false;
	}

	/** Sends block until {@link #release()}, as those of a worker about to die. */
	void hang() {
		this.hang = new CountDownLatch(1);
	}

	/** Hanging sends go on. */
	void release() {
		CountDownLatch latch = this.hang;
		this.hang = null;
		if (latch != null) {
			latch.countDown();
		}
	}

	/** Back to passing every send on. */
	void reset() {
		release();
		this.down = false;
		this.idempotent = null;
		this.timeOutAfterAccepting.clear();
	}

	/** How often a notification was handed to this provider. */
	int calls(String notificationId) {
		AtomicInteger count = this.calls.get(notificationId);
		return (count != null) ? count.get() : 0;
	}

	/** The notifications this provider took, in the order it took them. */
	List<String> accepted() {
		return List.copyOf(this.accepted);
	}

	@Override
	public Channel channel() {
		return this.delegate.channel();
	}

	@Override
	public String name() {
		return this.delegate.name();
	}

	@Override
	public boolean idempotentSends() {
		Boolean override = this.idempotent;
		return (override != null) ? override : this.delegate.idempotentSends();
	}

	@Override
	public boolean deliveryReports() {
		return this.delegate.deliveryReports();
	}

	@Override
	public boolean reportsByMessageId() {
		return this.delegate.reportsByMessageId();
	}

	@Override
	public boolean usesConversationWindow() {
		return this.delegate.usesConversationWindow();
	}

	@Override
	public SendReceipt send(OutboundMessage message) {
		this.calls.computeIfAbsent(message.notificationId(), (id) -> new AtomicInteger()).incrementAndGet();
		awaitRelease();
		if (this.down) {
			throw new ProviderUnavailableException("Connection refused (scripted outage)");
		}
		SendReceipt receipt = this.delegate.send(message);
		this.accepted.add(message.notificationId());
		if (this.timeOutAfterAccepting.remove(message.phone())) {
			throw new ResourceAccessException("I/O error on POST request: Read timed out",
					new SocketTimeoutException("Read timed out"));
		}
		return receipt;
	}

	private void awaitRelease() {
		CountDownLatch latch = this.hang;
		if (latch == null) {
			return;
		}
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
