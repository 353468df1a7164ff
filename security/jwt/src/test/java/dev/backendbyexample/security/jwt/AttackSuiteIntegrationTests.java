package dev.backendbyexample.security.jwt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every forged, broken or misused access token is refused with the same 401: same body,
 * same {@code WWW-Authenticate}, whatever was wrong with it, so a refusal teaches the
 * attacker nothing. A control test first proves that a well-made token of the same shape
 * is accepted, so each refusal is due to the one thing the case breaks.
 */
@JwtIntegrationTest
class AttackSuiteIntegrationTests {

	static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

	/** Where jku and x5u point: an attacker's server that must never be called. */
	static ServerSocket attackerServer;

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	Api api;

	/** One user for the class: registering costs an Argon2 hash. */
	static UUID userId;

	@BeforeAll
	static void attackerServer() throws IOException {
		attackerServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	@AfterAll
	static void attackerServerWasNeverCalled() throws IOException {
		// Every request above was answered before this runs: a fetch of jku or x5u would
		// have connected by now and be waiting in the backlog.
		attackerServer.setSoTimeout(200);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> attackerServer.accept().close());
		attackerServer.close();
	}

	@BeforeEach
	void user() {
		this.api = new Api(this.port);
		if (userId == null) {
			userId = this.users.findByUsername(this.api.registerUser()).orElseThrow().id();
		}
	}

	@Test
	void controlWellFormedTokenSignedWithTheCurrentKeyIsAccepted() {
		assertThat(this.api.get("/me", Forge.valid(userId, "USER").compact()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void controlTokenSignedWithThePreviousKeyIsStillAcceptedUntilItExpires() {
		String token = Forge.valid(userId, "USER")
			.header()
			.keyId(TestKeys.PREVIOUS_ID)
			.and()
			.signWith(TestKeys.privateKey(TestKeys.PREVIOUS), Jwts.SIG.ES256)
			.compact();

		assertThat(this.api.get("/me", token).getStatusCode().value()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("attacks")
	void forgedOrBrokenTokenThen401WithTheUniformBody(String attack, Function<UUID, String> token) {
		assertRefused(this.api.get("/me", token.apply(userId)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../../../dev/null", "/etc/passwd", "' OR '1'='1", "test-current' --",
			"test-current\u0000", "${jndi:ldap://127.0.0.1/a}", "test-current/../test-current" })
	void kidWithPathOrSqlInjectionThen401(String kid) {
		String token = Forge.valid(userId, "USER").header().keyId(kid).and().compact();

		assertRefused(this.api.get("/me", token));
	}

	@Test
	void refreshTokenUsedAsAccessTokenThen401() {
		String username = this.api.registerUser();
		Api.Tokens tokens = this.api.tokens(username);

		assertRefused(this.api.get("/me", tokens.refresh()));
	}

	@Test
	void forgedAdminTokenCannotPromoteAnyoneAndNothingChanges() {
		String payload = Forge.payloadOf(Forge.valid(userId, "USER").compact())
			.replace("[\"USER\"]", "[\"ADMIN\",\"USER\"]");
		for (String token : List.of(
				Forge.unsecured("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"test-current\"}", payload),
				Forge.withPayload(Forge.valid(userId, "USER").compact(), payload))) {
			ResponseEntity<String> response = this.api.send(HttpMethod.PUT, "/admin/users/" + userId + "/roles", token,
					"{\"roles\":[\"ADMIN\",\"USER\"]}");
			assertRefused(response);
		}
		assertThat(this.users.findById(userId).orElseThrow().roles()).containsExactly(Role.USER);
	}

	static void assertRefused(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getBody()).isEqualTo(SecurityProblems.UNAUTHORIZED);
		assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith(INVALID_TOKEN_CHALLENGE)
			.contains(JjwtDecoder.INVALID);
	}

	static Stream<Arguments> attacks() {
		Instant now = Instant.now();
		String attackerUrl = "http://127.0.0.1:" + attackerServer.getLocalPort() + "/jwks.json";
		return Stream.of(//
				attack("alg none",
						(id) -> Forge.unsecured("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"test-current\"}",
								Forge.payloadOf(Forge.valid(id, "ADMIN").compact()))),
				attack("alg None, other spelling",
						(id) -> Forge.unsecured("{\"alg\":\"None\",\"typ\":\"at+jwt\",\"kid\":\"test-current\"}",
								Forge.payloadOf(Forge.valid(id, "ADMIN").compact()))),
				attack("alg none with the original signature kept", (id) -> {
					String valid = Forge.valid(id, "USER").compact();
					return Forge.base64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"test-current\"}") + "."
							+ valid.split("\\.")[1] + "." + valid.split("\\.")[2];
				}), attack(
						"HS256 keyed with the server's public key (DER): key confusion", (
								id) -> Forge.valid(id, "ADMIN")
									.signWith(Keys.hmacShaKeyFor(TestKeys.publicKey(TestKeys.CURRENT).getEncoded()),
											Jwts.SIG.HS256)
									.compact()),
				attack("HS256 keyed with the server's public key (PEM text): key confusion",
						(id) -> Forge.valid(id, "ADMIN")
							.signWith(
									Keys.hmacShaKeyFor(("-----BEGIN PUBLIC KEY-----\n"
											+ java.util.Base64.getMimeEncoder()
												.encodeToString(TestKeys.publicKey(TestKeys.CURRENT).getEncoded())
											+ "\n-----END PUBLIC KEY-----\n")
										.getBytes(StandardCharsets.US_ASCII)),
									Jwts.SIG.HS256)
							.compact()),
				attack("expired an hour ago",
						(id) -> Forge.valid(id, "USER")
							.issuedAt(Date.from(now.minus(Duration.ofHours(2))))
							.expiration(Date.from(now.minus(Duration.ofHours(1))))
							.compact()),
				attack("expired two minutes ago, beyond the 30 s clock skew",
						(id) -> Forge.valid(id, "USER")
							.issuedAt(Date.from(now.minus(Duration.ofMinutes(12))))
							.expiration(Date.from(now.minus(Duration.ofMinutes(2))))
							.compact()),
				attack("not valid before an hour from now",
						(id) -> Forge.valid(id, "USER").notBefore(Date.from(now.plus(Duration.ofHours(1)))).compact()),
				attack("wrong issuer", (id) -> Forge.valid(id, "USER").issuer("https://attacker.example").compact()),
				attack("wrong audience", (id) -> Forge.valid(id, "USER").audience().single("another-api").compact()),
				attack("no exp", (id) -> Forge.valid(id, "USER").expiration(null).compact()),
				attack("no kid", (id) -> Forge.valid(id, "USER").header().keyId(null).and().compact()),
				attack("typ JWT: not an access token (an ID token, say)",
						(id) -> Forge.valid(id, "USER").header().type("JWT").and().compact()),
				attack("roles not a list", (id) -> Forge.valid(id, "USER").claim("roles", "ADMIN").compact()),
				attack("payload tampered: roles USER -> ADMIN", (id) -> {
					String valid = Forge.valid(id, "USER").compact();
					return Forge.withPayload(valid, Forge.payloadOf(valid).replace("[\"USER\"]", "[\"ADMIN\"]"));
				}), attack("signature tampered", (id) -> {
					String valid = Forge.valid(id, "USER").compact();
					int middle = valid.lastIndexOf('.') + 20;
					char flipped = (valid.charAt(middle) == 'A') ? 'B' : 'A';
					return valid.substring(0, middle) + flipped + valid.substring(middle + 1);
				}), attack("signature stripped", (id) -> {
					String valid = Forge.valid(id, "USER").compact();
					return valid.substring(0, valid.lastIndexOf('.') + 1);
				}),
				attack("unknown kid, signed with the attacker's key",
						(id) -> Forge.valid(id, "ADMIN")
							.header()
							.keyId("attacker")
							.and()
							.signWith(TestKeys.privateKey(TestKeys.ATTACKER), Jwts.SIG.ES256)
							.compact()),
				attack("the server's kid, signed with the attacker's key",
						(id) -> Forge.signedWith(Forge.valid(id, "ADMIN"), TestKeys.privateKey(TestKeys.ATTACKER))
							.compact()),
				attack("jku pointing at the attacker's key set",
						(id) -> Forge.valid(id, "ADMIN")
							.header()
							.keyId("attacker")
							.add("jku", attackerUrl)
							.and()
							.signWith(TestKeys.privateKey(TestKeys.ATTACKER), Jwts.SIG.ES256)
							.compact()),
				attack("x5u pointing at the attacker's certificate",
						(id) -> Forge.valid(id, "ADMIN")
							.header()
							.keyId("attacker")
							.add("x5u", attackerUrl)
							.and()
							.signWith(TestKeys.privateKey(TestKeys.ATTACKER), Jwts.SIG.ES256)
							.compact()),
				attack("the attacker's key embedded as jwk, under the server's kid",
						(id) -> Forge.valid(id, "ADMIN")
							.header()
							.jwk(Jwks.builder().key(TestKeys.publicKey(TestKeys.ATTACKER)).build())
							.and()
							.signWith(TestKeys.privateKey(TestKeys.ATTACKER), Jwts.SIG.ES256)
							.compact()),
				attack("oversized: a valid signature over 5000 characters",
						(id) -> Forge.valid(id, "USER").claim("padding", "x".repeat(5000)).compact()),
				attack("not a JWT at all", (id) -> "not-a-token"),
				attack("five parts: a JWE shape", (id) -> "a.b.c.d.e"));
	}

	private static Arguments attack(String name, Function<UUID, String> token) {
		return Arguments.of(name, token);
	}

}
