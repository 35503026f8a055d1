package id.go.kalteng.kim.infra.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's RSA key pair kept in a file, so that tokens handed out before a restart
 * still verify after it (a fresh key per start would log every client out).
 */
final class SigningKeyFile {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyFile.class);

	private SigningKeyFile() {
	}

	static RSAKey loadOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				RSAKey key = RSAKey.parse(Files.readString(file));
				log.info("Signing with key {} from {}", key.getKeyID(), file);
				return key;
			}
			RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.keyID(UUID.randomUUID().toString())
				.generate();
			write(file, key);
			log.info("Created signing key {} in {}", key.getKeyID(), file);
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the signing key " + file, ex);
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException("Unusable signing key " + file, ex);
		}
	}

	private static void write(Path file, RSAKey key) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		Path temporary = Files.createTempFile(directory, "signing-key", ".tmp");
		// the private key: readable by its owner only (where the file system knows
		// owners)
		if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
			Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
		}
		Files.writeString(temporary, key.toJSONString());
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
	}

}
