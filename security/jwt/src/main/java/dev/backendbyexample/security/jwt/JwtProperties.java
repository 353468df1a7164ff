package dev.backendbyexample.security.jwt;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Everything this module's security depends on, in one place ({@code jwt.*}).
 *
 * @param issuer the {@code iss} of every access token, required when one is read
 * @param audience the {@code aud} of every access token, required when one is read
 * @param accessTokenTtl how long an access token lives: minutes, since it cannot be
 * revoked
 * @param refreshTokenTtl how long an unused refresh token lives
 * @param refreshFamilyTtl how long a login lives however often it is refreshed: no
 * refresh token of its family outlives it
 * @param clockSkew how far clocks of issuer and reader may disagree
 * @param signing the signing keys
 * @param login the brute-force limits of the login
 * @param encryption the keys of the field encrypted at rest
 * @param cors the browser origins allowed to call the API
 * @param keyPrefix the prefix of every Redis key of this application
 */
@ConfigurationProperties("jwt")
record JwtProperties(String issuer, String audience, @DefaultValue("10m") Duration accessTokenTtl,
		@DefaultValue("14d") Duration refreshTokenTtl, @DefaultValue("30d") Duration refreshFamilyTtl,
		@DefaultValue("30s") Duration clockSkew, Signing signing, @DefaultValue Login login, Encryption encryption,
		@DefaultValue Cors cors, @DefaultValue("jwt:") String keyPrefix) {

	/**
	 * The ES256 key pairs: the active one signs, every listed one verifies (a retired key
	 * stays listed, public part only, until the last token it signed has expired).
	 *
	 * @param activeKeyId the {@code kid} that signs new tokens
	 * @param keys every key by its {@code kid}
	 */
	record Signing(String activeKeyId, Map<String, KeyPair> keys) {
	}

	/**
	 * PEM files of one key.
	 *
	 * @param privateKey PKCS#8 private key; absent for a retired key
	 * @param publicKey X.509 SubjectPublicKeyInfo public key
	 */
	record KeyPair(@Nullable Resource privateKey, Resource publicKey) {
	}

	/**
	 * Brute-force limits: attempts (not only failures) counted in a fixed window.
	 *
	 * @param maxAttemptsPerAccount attempts at one account, from anywhere
	 * @param maxAttemptsPerAddress attempts from one address, at any account
	 * @param window the length of the window
	 */
	record Login(@DefaultValue("5") int maxAttemptsPerAccount, @DefaultValue("20") int maxAttemptsPerAddress,
			@DefaultValue("15m") Duration window) {
	}

	/**
	 * AES-256-GCM keys, Base64, by key id; the id is stored with every ciphertext.
	 *
	 * @param activeKeyId the key that encrypts new values
	 * @param keys every key that may still decrypt a stored value
	 */
	record Encryption(String activeKeyId, Map<String, String> keys) {
	}

	/**
	 * CORS.
	 *
	 * @param allowedOrigins exact origins, e.g. {@code https://app.example.com}
	 */
	record Cors(@DefaultValue List<String> allowedOrigins) {
	}

}
