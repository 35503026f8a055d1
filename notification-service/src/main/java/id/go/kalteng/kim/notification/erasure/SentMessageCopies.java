package id.go.kalteng.kim.notification.erasure;

import java.util.Collection;

/**
 * A place that keeps copies of the messages that were sent (the sandbox does), so that an
 * erasure can make it forget them.
 */
public interface SentMessageCopies {

	/**
	 * Forgets the copies of the messages of these notifications; nothing happens for
	 * those it does not have.
	 * @return how many copies were forgotten
	 */
	long forget(Collection<String> notificationIds);

	/**
	 * Forgets every copy of a message to a phone number, by its phone hash.
	 * @return how many copies were forgotten
	 */
	long forgetPhone(String phoneHash);

}
