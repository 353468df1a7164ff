package dev.backendbyexample.security.jwt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts one field at rest with AES-256-GCM: stored as
 * {@code <key id>:<base64(nonce | ciphertext | tag)>}, so keys can rotate (new values
 * under the active key, old ones still readable under theirs). The row's id is the
 * associated data: a ciphertext copied into another row does not decrypt there.
 */
@Component
class FieldEncryption {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom random = new SecureRandom();

	private final String activeKeyId;

	private final Map<String, SecretKey> keys = new LinkedHashMap<>();

	FieldEncryption(JwtProperties properties) {
		properties.encryption().keys().forEach((id, base64) -> {
			byte[] key = Base64.getDecoder().decode(base64);
			if (key.length != 32) {
				throw new IllegalStateException("Encryption key '" + id + "' is not 256 bits");
			}
			if (id.contains(":")) {
				throw new IllegalStateException("Encryption key id '" + id + "' contains ':'");
			}
			this.keys.put(id, new SecretKeySpec(key, "AES"));
		});
		this.activeKeyId = properties.encryption().activeKeyId();
		if (!this.keys.containsKey(this.activeKeyId)) {
			throw new IllegalStateException("No encryption key '" + this.activeKeyId + "'");
		}
	}

	String encrypt(String plaintext, String associatedData) {
		byte[] nonce = new byte[NONCE_BYTES];
		// A random 96-bit nonce per value: safe for far more values than one key will see
		// (NIST SP 800-38D's limit is 2^32 per key).
		random.nextBytes(nonce);
		byte[] sealed = cipher(Cipher.ENCRYPT_MODE, this.keys.get(this.activeKeyId), nonce, associatedData,
				plaintext.getBytes(StandardCharsets.UTF_8));
		byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
		return this.activeKeyId + ":" + Base64.getEncoder().encodeToString(stored);
	}

	String decrypt(String stored, String associatedData) {
		int colon = stored.indexOf(':');
		SecretKey key = (colon > 0) ? this.keys.get(stored.substring(0, colon)) : null;
		if (key == null) {
			throw new IllegalStateException("No key for a stored value: was its key removed?");
		}
		byte[] bytes = Base64.getDecoder().decode(stored.substring(colon + 1));
		byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
		byte[] sealed = java.util.Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
		return new String(cipher(Cipher.DECRYPT_MODE, key, nonce, associatedData, sealed), StandardCharsets.UTF_8);
	}

	private static byte[] cipher(int mode, SecretKey key, byte[] nonce, String associatedData, byte[] input) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			// Decryption fails here when the value or its row was tampered with.
			throw new IllegalStateException("AES-GCM failed: tampered value or wrong key", ex);
		}
	}

}
