package id.go.kalteng.kim.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Each agency's SCRAM password, the way {@code ./kim} keeps every secret of an
 * installation ({@code local_secret} in {@code bin/kim.sh}): the agency's environment
 * variable ({@link KafkaAgency#passwordVariable()}) when set, otherwise 36 random bytes,
 * base64url (48 characters), generated once into {@code <secrets>/kafka-<user>}
 * (directory 700, file 600) and kept. Never a value in the repository, never printed.
 */
public final class AgencyPasswords {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path secrets;

	private final Map<String, String> environment;

	/**
	 * @param secrets the installation's secrets directory
	 * ({@code $KIM_HOME/data/secrets})
	 * @param environment where an agency's password variable is looked up
	 */
	public AgencyPasswords(Path secrets, Map<String, String> environment) {
		this.secrets = secrets;
		this.environment = environment;
	}

	/**
	 * The file an agency's generated password is kept in.
	 * @param secrets the installation's secrets directory
	 * @param agency the agency
	 * @return {@code <secrets>/kafka-<user>}
	 */
	public static Path file(Path secrets, KafkaAgency agency) {
		return secrets.resolve("kafka-" + agency.user());
	}

	/**
	 * Whether the agency's password comes from the environment.
	 * @param agency the agency
	 * @return true when its variable is set and not blank
	 */
	public boolean fromEnvironment(KafkaAgency agency) {
		String value = this.environment.get(agency.passwordVariable());
		return value != null && !value.isBlank();
	}

	/**
	 * The agency's password, generating and keeping it on first use.
	 * @param agency the agency
	 * @return the password
	 */
	public String password(KafkaAgency agency) {
		if (fromEnvironment(agency)) {
			return this.environment.get(agency.passwordVariable());
		}
		Path file = file(this.secrets, agency);
		try {
			if (!Files.exists(file) || Files.size(file) == 0) {
				generate(file);
			}
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the Kafka password of " + agency.user() + " in " + file, ex);
		}
	}

	private void generate(Path file) throws IOException {
		if (!Files.isDirectory(this.secrets)) {
			Files.createDirectories(this.secrets);
			Files.setPosixFilePermissions(this.secrets, PosixFilePermissions.fromString("rwx------"));
		}
		byte[] random = new byte[36];
		RANDOM.nextBytes(random);
		Path partial = Files.createTempFile(this.secrets, file.getFileName().toString(), ".partial",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(partial, Base64.getUrlEncoder().encodeToString(random) + "\n", StandardCharsets.UTF_8,
				StandardOpenOption.TRUNCATE_EXISTING);
		Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

}
