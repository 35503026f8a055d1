package id.go.kalteng.kim.infra.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyFileTests {

	@TempDir
	Path directory;

	@Test
	void keyCreatedOnFirstStartIsTheKeyOfTheNextStart() throws Exception {
		Path file = this.directory.resolve("auth/signing-key.json");

		RSAKey first = SigningKeyFile.loadOrCreate(file);
		RSAKey second = SigningKeyFile.loadOrCreate(file);

		assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
		assertThat(second.toRSAPublicKey()).isEqualTo(first.toRSAPublicKey());
		assertThat(second.isPrivate()).isTrue();
	}

	@Test
	void privateKeyFileIsReadableByItsOwnerOnly() throws Exception {
		Path file = this.directory.resolve("signing-key.json");

		SigningKeyFile.loadOrCreate(file);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

}
