package dev.backendbyexample.ratelimiting.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.backendbyexample.ratelimiting.algorithm.Algorithm;

/**
 * A Lua script and its SHA-1, the name Redis caches it under for {@code EVALSHA}.
 *
 * @param source the script
 * @param sha its SHA-1 in hex, computed here so the first call needs no round trip
 */
public record LuaScript(String source, String sha) {

	public static LuaScript of(String source) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
			return new LuaScript(source, HexFormat.of().formatHex(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The script of an algorithm, {@code scripts/<id>.lua} on the classpath. */
	public static LuaScript of(Algorithm algorithm) {
		String path = "scripts/" + algorithm.id() + ".lua";
		try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("No script " + path + " on the classpath");
			}
			return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
