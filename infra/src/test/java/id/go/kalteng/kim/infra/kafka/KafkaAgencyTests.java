package id.go.kalteng.kim.infra.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KafkaAgencyTests {

	@TempDir
	Path secrets;

	@Test
	void everyAgencyClientOfTheIssuerIsAKafkaAgencyOfTheSameNameAndKabupaten() {
		List<KafkaAgency> agencies = DemoAgencies.fromIssuerConfiguration();

		assertThat(agencies).hasSize(14)
			.contains(new KafkaAgency("agency-6271", "62.71"), new KafkaAgency("agency-6203", "62.03"),
					new KafkaAgency("agency-6201", "62.01"), new KafkaAgency("agency-6213", "62.13"));
		assertThat(agencies).allSatisfy(
				(agency) -> assertThat(agency.user()).isEqualTo("agency-" + agency.kabupaten().replace(".", "")));
		assertThat(agencies).extracting(KafkaAgency::topic).doesNotHaveDuplicates();
	}

	@Test
	void anAgencyReadsItsKabupatensPublicTopicInGroupsOfItsOwnAndNothingElse() {
		KafkaAgency agency = new KafkaAgency("agency-6271", "62.71");

		assertThat(agency.topic()).isEqualTo("kim.public.62-71");
		assertThat(agency.groupPrefix()).isEqualTo("agency-6271-");
		assertThat(agency.acls()).extracting(this::describe)
			.containsExactlyInAnyOrder("TOPIC kim.public.62-71 LITERAL READ ALLOW User:agency-6271 *",
					"TOPIC kim.public.62-71 LITERAL DESCRIBE ALLOW User:agency-6271 *",
					"GROUP agency-6271- PREFIXED READ ALLOW User:agency-6271 *");
		assertThat(agency.acls()).noneSatisfy((binding) -> assertThat(binding.pattern().resourceType())
			.isIn(ResourceType.CLUSTER, ResourceType.TRANSACTIONAL_ID, ResourceType.DELEGATION_TOKEN));
		assertThat(agency.acls()).allSatisfy((binding) -> {
			assertThat(binding.entry().operation()).isIn(AclOperation.READ, AclOperation.DESCRIBE);
			assertThat(binding.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
		});
		assertThat(agency.acls()).filteredOn((binding) -> binding.pattern().patternType() == PatternType.PREFIXED)
			.extracting((binding) -> binding.pattern().resourceType())
			.containsOnly(ResourceType.GROUP);
	}

	@Test
	void namesThatWouldWidenTheGrantsAreRefused() {
		// a group prefix "agency-" or a topic "kim.public." would reach every agency's
		assertThatIllegalArgumentException().isThrownBy(() -> new KafkaAgency("agency-6271", "62"));
		assertThatIllegalArgumentException().isThrownBy(() -> new KafkaAgency("agency-6271", "62.*"));
		assertThatIllegalArgumentException().isThrownBy(() -> new KafkaAgency("*", "62.71"));
		assertThatIllegalArgumentException().isThrownBy(() -> new KafkaAgency("", "62.71"));
		assertThatIllegalArgumentException().isThrownBy(() -> new KafkaAgency("Agency 6271", "62.71"));
	}

	@Test
	void aGeneratedPasswordIsKeptReadableOnlyByItsOwnerAndTheEnvironmentWins() throws Exception {
		KafkaAgency agency = new KafkaAgency("agency-6271", "62.71");
		Path directory = this.secrets.resolve("secrets");
		AgencyPasswords generated = new AgencyPasswords(directory, Map.of());

		String first = generated.password(agency);

		assertThat(first).hasSize(48).matches("[A-Za-z0-9_-]+");
		assertThat(new AgencyPasswords(directory, Map.of()).password(agency)).isEqualTo(first);
		assertThat(new AgencyPasswords(directory, Map.of()).password(new KafkaAgency("agency-6203", "62.03")))
			.isNotEqualTo(first);
		Path file = AgencyPasswords.file(directory, agency);
		assertThat(file).hasFileName("kafka-agency-6271");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		assertThat(directory).isDirectoryNotContaining("glob:**.partial");

		AgencyPasswords fromEnvironment = new AgencyPasswords(directory,
				Map.of("KIM_KAFKA_PASSWORD_AGENCY_6271", "chosen-by-the-operator"));
		assertThat(fromEnvironment.fromEnvironment(agency)).isTrue();
		assertThat(fromEnvironment.password(agency)).isEqualTo("chosen-by-the-operator");
		assertThat(generated.fromEnvironment(agency)).isFalse();
	}

	private String describe(AclBinding binding) {
		return String.join(" ", binding.pattern().resourceType().name(), binding.pattern().name(),
				binding.pattern().patternType().name(), binding.entry().operation().name(),
				binding.entry().permissionType().name(), binding.entry().principal(), binding.entry().host());
	}

}
