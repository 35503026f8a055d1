package id.go.kalteng.kim.infra.kafka;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * An agency that may consume its kabupaten's public event log over the broker's SASL
 * listener: its SCRAM user is its client id, and its grants are read and describe on
 * {@code kim.public.<kabupaten>} and read on the consumer groups named {@code <user>-…}.
 * Nothing else: no other topic, no writes, no cluster operations.
 *
 * @param user the SCRAM user name, the agency's OAuth2 client id ({@code agency-6271})
 * @param kabupaten the agency's kabupaten/kota code ({@code 62.71})
 */
public record KafkaAgency(String user, String kabupaten) {

	/** Prefix of every kabupaten's public topic. */
	public static final String PUBLIC_TOPIC_PREFIX = "kim.public.";

	private static final Pattern KABUPATEN = Pattern.compile("62\\.\\d{2}");

	private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9-]*");

	public KafkaAgency {
		if (!USER.matcher(user).matches()) {
			throw new IllegalArgumentException("Not a usable SCRAM user name: '" + user + "'");
		}
		if (!KABUPATEN.matcher(kabupaten).matches()) {
			throw new IllegalArgumentException(
					"Agency " + user + ": '" + kabupaten + "' is not a kabupaten/kota code like 62.71");
		}
	}

	/**
	 * The public topic of a kabupaten: its code with a dash, {@code kim.public.62-71}.
	 * @param kabupaten a code like {@code 62.71}
	 * @return the topic name
	 */
	public static String publicTopic(String kabupaten) {
		return PUBLIC_TOPIC_PREFIX + kabupaten.replace('.', '-');
	}

	/**
	 * The one topic this agency may read.
	 * @return {@code kim.public.<kabupaten with a dash>}
	 */
	public String topic() {
		return publicTopic(this.kabupaten);
	}

	/**
	 * The prefix every consumer group of this agency must carry.
	 * @return {@code <user>-}
	 */
	public String groupPrefix() {
		return this.user + "-";
	}

	/**
	 * The principal the broker sees after a SCRAM login as this agency.
	 * @return {@code User:<user>}
	 */
	public String principal() {
		return "User:" + this.user;
	}

	/**
	 * The environment variable that sets this agency's password instead of the generated
	 * one.
	 * @return {@code KIM_KAFKA_PASSWORD_AGENCY_6271} for {@code agency-6271}
	 */
	public String passwordVariable() {
		return "KIM_KAFKA_PASSWORD_" + this.user.toUpperCase(Locale.ROOT).replace('-', '_');
	}

	/**
	 * Every ACL this agency has, and the only ones it may have.
	 * @return read and describe on its topic, read on its group prefix
	 */
	public List<AclBinding> acls() {
		ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC, topic(), PatternType.LITERAL);
		ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, groupPrefix(), PatternType.PREFIXED);
		return List.of(new AclBinding(topic, allow(AclOperation.READ)),
				new AclBinding(topic, allow(AclOperation.DESCRIBE)), new AclBinding(groups, allow(AclOperation.READ)));
	}

	private AccessControlEntry allow(AclOperation operation) {
		return new AccessControlEntry(principal(), "*", operation, AclPermissionType.ALLOW);
	}

}
