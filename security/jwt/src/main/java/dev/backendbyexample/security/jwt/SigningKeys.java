package dev.backendbyexample.security.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * The ES256 keys, read from configured PEM files and never generated at start (a key made
 * per start would invalidate every token at each restart, and differ per instance): the
 * active key signs, every known key verifies, each under its {@code kid}.
 */
class SigningKeys {

	/** The one algorithm every key is used with; a token naming another is refused. */
	static final String ALGORITHM = "ES256";

	private final String activeKeyId;

	private final Map<String, Key> keys;

	SigningKeys(String activeKeyId, Map<String, Key> keys) {
		Key active = keys.get(activeKeyId);
		if (active == null || active.privateKey() == null) {
			throw new IllegalStateException("The active signing key '" + activeKeyId + "' needs a private key");
		}
		this.activeKeyId = activeKeyId;
		this.keys = Map.copyOf(keys);
	}

	static SigningKeys from(JwtProperties.Signing signing) {
		Map<String, Key> keys = new LinkedHashMap<>();
		signing.keys()
			.forEach((id, pair) -> keys.put(id,
					new Key(id, (pair.privateKey() != null) ? privateKey(pem(pair.privateKey())) : null,
							publicKey(pem(pair.publicKey())))));
		return new SigningKeys(signing.activeKeyId(), keys);
	}

	Key active() {
		return this.keys.get(this.activeKeyId);
	}

	/** The key a token's {@code kid} names, if this server knows it. */
	Optional<Key> verificationKey(@Nullable String kid) {
		return (kid != null) ? Optional.ofNullable(this.keys.get(kid)) : Optional.empty();
	}

	/** The public keys as a JWK Set (RFC 7517), for {@code /.well-known/jwks.json}. */
	Map<String, Object> jwks() {
		List<Map<String, Object>> published = this.keys.values()
			.stream()
			.map((key) -> (Map<String, Object>) new LinkedHashMap<String, Object>(key.jwk()))
			.toList();
		return Map.of("keys", published);
	}

	/**
	 * One key pair.
	 *
	 * @param id its {@code kid}
	 * @param privateKey the signing half; {@code null} once retired
	 * @param publicKey the verifying half
	 */
	record Key(String id, @Nullable ECPrivateKey privateKey, ECPublicKey publicKey) {

		PublicJwk<ECPublicKey> jwk() {
			return Jwks.builder().key(this.publicKey).id(this.id).algorithm(ALGORITHM).publicKeyUse("sig").build();
		}

	}

	static ECPrivateKey privateKey(byte[] der) {
		try {
			return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Not a PKCS#8 EC private key", ex);
		}
	}

	static ECPublicKey publicKey(byte[] der) {
		try {
			return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Not an X.509 EC public key", ex);
		}
	}

	/** The DER bytes of a PEM file's one block. */
	static byte[] pem(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			String base64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
			return Base64.getDecoder().decode(base64);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the key " + resource, ex);
		}
	}

}
