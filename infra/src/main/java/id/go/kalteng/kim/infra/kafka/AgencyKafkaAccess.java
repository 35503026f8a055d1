package id.go.kalteng.kim.infra.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the broker's agency access to what {@link DemoAgencies} declares, through the
 * local (super-user) listener, after every start of the broker {@code ./kim} runs: each
 * agency's public topic exists (one partition, so a kabupaten has one total order), its
 * SCRAM-SHA-512 user has its current password ({@link AgencyPasswords}), and its ACLs are
 * exactly {@link KafkaAgency#acls()} (anything else granted to it is removed). Every step
 * is idempotent, so a restart, a changed password or a new agency client is simply
 * applied again; the users and ACLs live in the cluster's metadata log and survive
 * restarts. Settings from the environment: {@code KIM_KAFKA_BOOTSTRAP} (the local
 * listener) and {@code KIM_KAFKA_SECRETS_DIR} (default {@code $KIM_HOME/data/secrets}).
 */
public final class AgencyKafkaAccess {

	/** Iterations of the SCRAM-SHA-512 credentials (Kafka's minimum is 4096). */
	static final int SCRAM_ITERATIONS = 8192;

	private static final Logger log = LoggerFactory.getLogger(AgencyKafkaAccess.class);

	private final Admin admin;

	private final AgencyPasswords passwords;

	AgencyKafkaAccess(Admin admin, AgencyPasswords passwords) {
		this.admin = admin;
		this.passwords = passwords;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> environment = System.getenv();
		String bootstrap = environment.getOrDefault("KIM_KAFKA_BOOTSTRAP", "localhost:9092");
		Path secrets = Path.of(environment.getOrDefault("KIM_KAFKA_SECRETS_DIR",
				environment.getOrDefault("KIM_HOME", ".kim") + "/data/secrets"));
		AgencyPasswords passwords = new AgencyPasswords(secrets, environment);
		List<KafkaAgency> agencies = DemoAgencies.fromIssuerConfiguration();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.CLIENT_ID_CONFIG, "kim-agency-access", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				30_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
			new AgencyKafkaAccess(admin, passwords).apply(agencies);
		}
		for (KafkaAgency agency : agencies) {
			System.out.printf("%-12s %-17s groups %-14s password %s%n", agency.user(), agency.topic(),
					agency.groupPrefix() + "*", passwords.fromEnvironment(agency) ? "$" + agency.passwordVariable()
							: AgencyPasswords.file(secrets, agency).toString());
		}
	}

	/**
	 * Topics, users and ACLs of every agency, as declared.
	 * @param agencies the agencies to grant access to
	 * @throws ExecutionException when the broker refuses a step
	 * @throws InterruptedException when interrupted while waiting for the broker
	 */
	void apply(List<KafkaAgency> agencies) throws ExecutionException, InterruptedException {
		createMissingTopics(agencies);
		upsertUsers(agencies);
		for (KafkaAgency agency : agencies) {
			grantExactly(agency);
		}
	}

	private void createMissingTopics(List<KafkaAgency> agencies) throws ExecutionException, InterruptedException {
		Set<String> existing = this.admin.listTopics().names().get();
		Set<String> wanted = new LinkedHashSet<>();
		agencies.forEach((agency) -> wanted.add(agency.topic()));
		List<NewTopic> missing = wanted.stream()
			.filter((topic) -> !existing.contains(topic))
			// replicas and min.insync.replicas: the broker's defaults (one broker: 1;
			// ./kim up
			// --cluster: 3 and 2)
			.map((topic) -> new NewTopic(topic, Optional.of(1), Optional.empty()))
			.toList();
		if (!missing.isEmpty()) {
			try {
				this.admin.createTopics(missing).all().get();
			}
			catch (ExecutionException ex) {
				// created meanwhile (stream-service publishing first): as good as ours
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
			log.info("Created {}", missing.stream().map(NewTopic::name).toList());
		}
		for (TopicDescription topic : this.admin.describeTopics(wanted).allTopicNames().get().values()) {
			if (topic.partitions().size() != 1) {
				log.warn("{} has {} partitions: a kabupaten's public log should have one (one total order)",
						topic.name(), topic.partitions().size());
			}
		}
	}

	private void upsertUsers(List<KafkaAgency> agencies) throws ExecutionException, InterruptedException {
		List<UserScramCredentialAlteration> upsertions = new ArrayList<>();
		for (KafkaAgency agency : agencies) {
			upsertions.add(new UserScramCredentialUpsertion(agency.user(),
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
					this.passwords.password(agency)));
		}
		this.admin.alterUserScramCredentials(upsertions).all().get();
		log.info("SCRAM-SHA-512 credentials set for {} agencies", agencies.size());
	}

	private void grantExactly(KafkaAgency agency) throws ExecutionException, InterruptedException {
		AclBindingFilter ofAgency = new AclBindingFilter(ResourcePatternFilter.ANY,
				new AccessControlEntryFilter(agency.principal(), null, AclOperation.ANY, AclPermissionType.ANY));
		Collection<AclBinding> existing = this.admin.describeAcls(ofAgency).values().get();
		Set<AclBinding> wanted = new HashSet<>(agency.acls());
		List<AclBindingFilter> extra = existing.stream()
			.filter((binding) -> !wanted.contains(binding))
			.map(AclBinding::toFilter)
			.toList();
		if (!extra.isEmpty()) {
			this.admin.deleteAcls(extra).all().get();
			log.warn("Removed ACLs of {} beyond its own: {}", agency.user(), extra);
		}
		List<AclBinding> missing = agency.acls().stream().filter((binding) -> !existing.contains(binding)).toList();
		if (!missing.isEmpty()) {
			this.admin.createAcls(missing).all().get();
			log.info("Granted {}: {}", agency.user(), missing);
		}
	}

}
