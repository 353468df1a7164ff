package dev.backendbyexample.security.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.backendbyexample.testsupport.demo.Demo;
import dev.backendbyexample.testsupport.demo.DemoHttp;
import dev.backendbyexample.testsupport.demo.DemoResponse;
import dev.backendbyexample.testsupport.demo.DemoScenario;
import dev.backendbyexample.testsupport.demo.Narrator;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo: log in, call as a user, be refused an admin route, read the token's claims,
 * see a note encrypted at rest, refresh and rotate, replay the old refresh token (the
 * family dies), forge an {@code alg: none} token.
 */
class JwtScenario implements DemoScenario {

	private static final String PASSWORD = "correct horse battery staple";

	@Override
	public void play(Demo demo) {
		Narrator say = demo.narrator();
		DemoHttp http = demo.http();
		String username = "alice" + UUID.randomUUID().toString().substring(0, 6);
		say.title("security/jwt: short-lived signed access tokens, rotating refresh tokens, roles and owners");

		say.step("Register " + username + " (a request cannot choose roles: strict JSON refuses a \"roles\" field)");
		say.exchange(http.post("/auth/register", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
				+ "\",\"displayName\":\"Alice\",\"roles\":[\"ADMIN\"]}"));
		say.exchange(http.post("/auth/register",
				"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Alice\"}"));
		say.why("the password is stored as an Argon2id hash, {argon2@SpringSecurity_v5_8}$argon2id$…, never in the clear");

		say.step("Log in: an access token (JWT, 10 minutes) and a refresh token (opaque, single use)");
		DemoResponse login = http.post("/auth/login",
				"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
		say.exchange(login);
		JsonNode tokens = Api.json(login.body());
		String access = tokens.get("accessToken").asString();
		String refresh = tokens.get("refreshToken").asString();
		say.say("accessToken  " + access.substring(0, 24) + "… (" + access.length() + " characters)");
		say.say("refreshToken " + refresh.substring(0, 8) + "… (32 random bytes; the server keeps only their SHA-256)");

		say.step("Decode the access token: anyone can read it, only the server's private key can sign it");
		explain(say, access);

		say.step("Call as a user, then try an admin route");
		say.exchange(http.get("/me", "Authorization", "Bearer " + access));
		say.exchange(http.get("/admin/users", "Authorization", "Bearer " + access));
		say.exchange(http.get("/me"));
		say.why("403: the token is valid but its roles lack ADMIN; 401: there is no valid token at all");

		say.step("Write a private note: its body is encrypted at rest");
		DemoResponse note = http.post("/notes", "{\"title\":\"PIN\",\"body\":\"my bank PIN is 4921\"}", "Authorization",
				"Bearer " + access);
		say.exchange(note, "Location");
		String id = Api.json(note.body()).get("id").asString();
		String raw = demo.bean(JdbcClient.class)
			.sql("select body from notes where id = :id")
			.param("id", UUID.fromString(id))
			.query(String.class)
			.single();
		say.say("notes.body in PostgreSQL: " + raw.substring(0, Math.min(raw.length(), 48)) + "…");
		say.why("AES-256-GCM under the key id before the colon; the row id is bound in, so a copied value fails");

		say.step("Refresh: the refresh token is used up and a new pair is issued (rotation)");
		DemoResponse rotated = http.post("/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}");
		say.exchange(rotated);
		String newRefresh = Api.json(rotated.body()).get("refreshToken").asString();
		say.say("new refreshToken " + newRefresh.substring(0, 8) + "…");

		say.step("Replay the old refresh token, as a thief who copied it would");
		say.exchange(http.post("/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}"));
		say.exchange(http.post("/auth/refresh", "{\"refreshToken\":\"" + newRefresh + "\"}"));
		say.why("a used token came back, so two parties hold the family: all of it is revoked, the owner logs in again");

		say.step("Forge a token: alg none, roles ADMIN, no signature");
		String payload = new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]), StandardCharsets.UTF_8)
			.replace("[\"USER\"]", "[\"ADMIN\",\"USER\"]");
		String forged = Forge.unsecured("{\"alg\":\"none\",\"typ\":\"at+jwt\"}", payload);
		say.say("token " + forged.substring(0, 24) + "…");
		DemoResponse refused = http.get("/admin/users", "Authorization", "Bearer " + forged);
		say.exchange(refused, "WWW-Authenticate");
		say.why("the decoder takes the key from kid and demands ES256 for it: alg none and HS256 never get that far");

		say.step("An unknown user and a wrong password get the same answer");
		say.exchange(http.post("/auth/login", "{\"username\":\"nobody\",\"password\":\"wrong password\"}"));
		say.exchange(http.post("/auth/login", "{\"username\":\"" + username + "\",\"password\":\"wrong password\"}"));
		say.why("same 401, same body, and the same Argon2 work: a decoy hash is checked for unknown users");
	}

	private static void explain(Narrator say, String token) {
		String[] parts = token.split("\\.");
		JsonNode header = Api.json(decode(parts[0]));
		JsonNode claims = Api.json(decode(parts[1]));
		long iat = claims.get("iat").asLong();
		long exp = claims.get("exp").asLong();
		say.table(List.of("part", "claim", "value", "what it is for"), List.of(
				List.of("header", "alg", header.get("alg").asString(), "ECDSA P-256: verify with the public key only"),
				List.of("header", "typ", header.get("typ").asString(), "RFC 9068 access token; no other JWT passes"),
				List.of("header", "kid", header.get("kid").asString(),
						"which key signed it: rotation without a flag day"),
				List.of("payload", "iss", claims.get("iss").asString(), "who issued it: required"),
				List.of("payload", "aud", claims.get("aud").toString(), "who may accept it: required"),
				List.of("payload", "sub", claims.get("sub").asString().substring(0, 8) + "…", "the user's id"),
				List.of("payload", "iat", String.valueOf(Instant.ofEpochSecond(iat)), "issued at"),
				List.of("payload", "exp", "iat + " + (exp - iat) / 60 + " min", "short: it cannot be revoked"),
				List.of("payload", "jti", claims.get("jti").asString().substring(0, 8) + "…", "this token's own id"),
				List.of("payload", "roles", claims.get("roles").toString(), "what it may do")));
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

}
