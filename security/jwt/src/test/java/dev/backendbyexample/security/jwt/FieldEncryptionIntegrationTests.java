package dev.backendbyexample.security.jwt;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A note's body is encrypted at rest: the raw column holds the key id and ciphertext,
 * never the text; a value under a retired key still reads; a ciphertext moved to another
 * row does not decrypt.
 */
@JwtIntegrationTest
class FieldEncryptionIntegrationTests {

	static final String SECRET = "my bank PIN is 4921";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FieldEncryption encryption;

	@Autowired
	JwtProperties properties;

	@Test
	void rawColumnHoldsTheKeyIdAndCiphertextNeverThePlaintext() {
		Api api = new Api(this.port);
		String token = api.tokens(api.registerUser()).access();
		String location = api.send(HttpMethod.POST, "/notes", token, "{\"title\":\"pin\",\"body\":\"" + SECRET + "\"}")
			.getHeaders()
			.getLocation()
			.toString();
		UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

		String raw = this.jdbc.sql("select body from notes where id = :id")
			.param("id", id)
			.query(String.class)
			.single();

		assertThat(raw).startsWith(TestKeys.ENCRYPTION_CURRENT_ID + ":").doesNotContain(SECRET).doesNotContain("4921");
		assertThat(api.get(location, token).getBody()).contains(SECRET);
	}

	@Test
	void sameTextEncryptsDifferentlyEachTime() {
		assertThat(this.encryption.encrypt(SECRET, "row")).isNotEqualTo(this.encryption.encrypt(SECRET, "row"));
	}

	@Test
	void ciphertextCopiedToAnotherRowDoesNotDecrypt() {
		String stored = this.encryption.encrypt(SECRET, "row-1");

		assertThatIllegalStateException().isThrownBy(() -> this.encryption.decrypt(stored, "row-2"));
	}

	@Test
	void tamperedCiphertextDoesNotDecrypt() {
		String stored = this.encryption.encrypt(SECRET, "row");
		char last = stored.charAt(stored.length() - 5);
		String tampered = stored.substring(0, stored.length() - 5) + ((last == 'A') ? 'B' : 'A')
				+ stored.substring(stored.length() - 4);

		assertThatIllegalStateException().isThrownBy(() -> this.encryption.decrypt(tampered, "row"));
	}

	@Test
	void valueUnderTheRetiredKeyStillDecrypts() {
		JwtProperties.Encryption old = new JwtProperties.Encryption(TestKeys.ENCRYPTION_OLD_ID,
				java.util.Map.of(TestKeys.ENCRYPTION_OLD_ID, oldKey()));
		String storedUnderOldKey = new FieldEncryption(withEncryption(old)).encrypt(SECRET, "row");

		assertThat(storedUnderOldKey).startsWith(TestKeys.ENCRYPTION_OLD_ID + ":");
		assertThat(this.encryption.decrypt(storedUnderOldKey, "row")).isEqualTo(SECRET);
	}

	private String oldKey() {
		return this.properties.encryption().keys().get(TestKeys.ENCRYPTION_OLD_ID);
	}

	private JwtProperties withEncryption(JwtProperties.Encryption encryption) {
		JwtProperties p = this.properties;
		return new JwtProperties(p.issuer(), p.audience(), p.accessTokenTtl(), p.refreshTokenTtl(),
				p.refreshFamilyTtl(), p.clockSkew(), p.signing(), p.login(), encryption, p.cors(), p.keyPrefix());
	}

}
