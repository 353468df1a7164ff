package dev.backendbyexample.security.jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Keys the tests generate for themselves (never the committed development keys): a
 * current signing key, a previous one that only verifies (rotated out of signing, its
 * tokens still alive), and an attacker's that the server has never seen. Written as PEM
 * files once per JVM and configured like production keys.
 */
class TestKeys implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String CURRENT_ID = "test-current";

	static final String PREVIOUS_ID = "test-previous";

	static final KeyPair CURRENT = generate();

	static final KeyPair PREVIOUS = generate();

	static final KeyPair ATTACKER = generate();

	static final String ENCRYPTION_OLD_ID = "enc-old";

	static final String ENCRYPTION_CURRENT_ID = "enc-current";

	private static final Map<String, Object> PROPERTIES = properties();

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-keys", PROPERTIES));
	}

	static ECPrivateKey privateKey(KeyPair pair) {
		return (ECPrivateKey) pair.getPrivate();
	}

	static ECPublicKey publicKey(KeyPair pair) {
		return (ECPublicKey) pair.getPublic();
	}

	static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> properties() {
		try {
			Path directory = Files.createTempDirectory("security-jwt-test-keys");
			directory.toFile().deleteOnExit();
			String prefix = "jwt.signing.keys.";
			return Map.of("jwt.signing.active-key-id", CURRENT_ID, //
					prefix + CURRENT_ID + ".private-key",
					pem(directory, "current.private.pem", "PRIVATE KEY", CURRENT.getPrivate().getEncoded()),
					prefix + CURRENT_ID + ".public-key",
					pem(directory, "current.public.pem", "PUBLIC KEY", CURRENT.getPublic().getEncoded()),
					// Retired from signing: public part only.
					prefix + PREVIOUS_ID + ".public-key",
					pem(directory, "previous.public.pem", "PUBLIC KEY", PREVIOUS.getPublic().getEncoded()),
					"jwt.encryption.active-key-id", ENCRYPTION_CURRENT_ID, //
					"jwt.encryption.keys." + ENCRYPTION_OLD_ID, aesKey(), //
					"jwt.encryption.keys." + ENCRYPTION_CURRENT_ID, aesKey());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String pem(Path directory, String name, String type, byte[] der) throws IOException {
		Path file = directory.resolve(name);
		Files.writeString(file, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
				+ "\n-----END " + type + "-----\n");
		file.toFile().deleteOnExit();
		return file.toUri().toString();
	}

	private static String aesKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
