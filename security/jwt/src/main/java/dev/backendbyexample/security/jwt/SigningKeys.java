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
	JwkSet jwks() {
		return new JwkSet(this.keys.values().stream().map(Key::jwk).map(PublishedKey::of).toList());
	}

	/**
	 * A JWK Set.
	 *
	 * @param keys one JWK per key
	 */
	record JwkSet(List<PublishedKey> keys) {
	}

	/**
	 * One public key as a JWK (RFC 7517, 7518 6.2.1): an EC P-256 point.
	 *
	 * @param kid its key id, as in the tokens' headers
	 * @param kty {@code EC}
	 * @param crv {@code P-256}
	 * @param x the point's x coordinate, base64url
	 * @param y the point's y coordinate, base64url
	 * @param alg {@code ES256}, the one algorithm it verifies
	 * @param use {@code sig}
	 */
	record PublishedKey(String kid, String kty, String crv, String x, String y, String alg, String use) {

		static PublishedKey of(PublicJwk<ECPublicKey> jwk) {
			return new PublishedKey(jwk.getId(), jwk.getType(), String.valueOf(jwk.get("crv")),
					String.valueOf(jwk.get("x")), String.valueOf(jwk.get("y")), jwk.getAlgorithm(),
					jwk.getPublicKeyUse());
		}

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
