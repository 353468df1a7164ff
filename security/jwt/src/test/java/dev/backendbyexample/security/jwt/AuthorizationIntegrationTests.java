package dev.backendbyexample.security.jwt;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what: 401 without a valid token, 403 with a valid one whose roles do not
 * allow it, 404 for another user's object (never 403, which would confirm it exists), and
 * no endpoint through which users set their own roles.
 */
@JwtIntegrationTest
class AuthorizationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	Api api;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
	}

	@Test
	void noTokenThen401WithABearerChallengeWithoutErrorAndTheUniformBody() {
		ResponseEntity<String> response = this.api.get("/me", null);

		assertThat(response.getStatusCode().value()).isEqualTo(401);
		// No error: nothing was wrong with a token, there was none (RFC 6750 3.1).
		assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer").doesNotContain("error");
		assertThat(response.getBody()).isEqualTo(SecurityProblems.UNAUTHORIZED);
	}

	@Test
	void userOnAnAdminEndpointThen403Not401() {
		String token = this.api.tokens(this.api.registerUser()).access();

		ResponseEntity<String> response = this.api.get("/admin/users", token);

		assertThat(response.getStatusCode().value()).isEqualTo(403);
		assertThat(response.getBody()).isEqualTo(SecurityProblems.FORBIDDEN);
		assertThat(response.getHeaders().getFirst("WWW-Authenticate")).contains("insufficient_scope");
	}

	@Test
	void adminOnAnAdminEndpointThen200WithoutAnyPasswordHash() {
		String token = this.api.tokens(admin()).access();

		ResponseEntity<String> response = this.api.get("/admin/users", token);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).contains("\"ADMIN\"").doesNotContain("argon2", "password");
	}

	@Test
	void userCannotGiveItselfAdminThen403AndNothingChanges() {
		String username = this.api.registerUser();
		UUID id = id(username);
		String token = this.api.tokens(username).access();

		ResponseEntity<String> response = this.api.send(HttpMethod.PUT, "/admin/users/" + id + "/roles", token,
				"{\"roles\":[\"ADMIN\"]}");

		assertThat(response.getStatusCode().value()).isEqualTo(403);
		assertThat(this.users.findById(id).orElseThrow().roles()).containsExactly(Role.USER);
	}

	@Test
	void adminChangesRolesAndTheUsersRefreshTokensAreRevoked() {
		String username = this.api.registerUser();
		Api.Tokens tokens = this.api.tokens(username);
		String adminToken = this.api.tokens(admin()).access();

		ResponseEntity<String> response = this.api.send(HttpMethod.PUT, "/admin/users/" + id(username) + "/roles",
				adminToken, "{\"roles\":[\"ADMIN\",\"USER\"]}");

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(this.users.findById(id(username)).orElseThrow().roles()).containsExactlyInAnyOrder(Role.ADMIN,
				Role.USER);
		assertThat(this.api.refresh(tokens.refresh()).getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void registrationThatSetsRolesThen400AndNoUserIsCreated() {
		String username = Api.newUsername();

		ResponseEntity<String> response = this.api.send(HttpMethod.POST, "/auth/register", null, "{\"username\":\""
				+ username + "\",\"password\":\"" + Api.PASSWORD + "\",\"displayName\":\"x\",\"roles\":[\"ADMIN\"]}");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("\"pointer\":\"/roles\"").contains("unknown property");
		assertThat(this.users.findByUsername(username)).isEmpty();
	}

	@Test
	void profileUpdateThatSetsRolesOrIdThen400AndNothingChanges() {
		String username = this.api.registerUser();
		String token = this.api.tokens(username).access();

		for (String body : new String[] { "{\"displayName\":\"Mallory\",\"roles\":[\"ADMIN\"]}",
				"{\"displayName\":\"Mallory\",\"id\":\"" + UUID.randomUUID() + "\"}",
				"{\"displayName\":\"Mallory\",\"passwordHash\":\"{noop}x\"}" }) {
			assertThat(this.api.send(HttpMethod.PATCH, "/me", token, body).getStatusCode().value()).isEqualTo(400);
		}

		User user = this.users.findByUsername(username).orElseThrow();
		assertThat(user.roles()).containsExactly(Role.USER);
		assertThat(user.displayName()).isEqualTo(username);
		assertThat(user.passwordHash()).startsWith("{argon2");
	}

	@Test
	void profileUpdateOfTheDisplayNameIsAccepted() {
		String token = this.api.tokens(this.api.registerUser()).access();

		ResponseEntity<String> response = this.api.send(HttpMethod.PATCH, "/me", token, "{\"displayName\":\"Bob\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).contains("\"displayName\":\"Bob\"");
	}

	@Test
	void anotherUsersNoteThen404LikeAMissingOneAndItSurvivesTheirDelete() {
		String alice = this.api.tokens(this.api.registerUser()).access();
		String bob = this.api.tokens(this.api.registerUser()).access();
		String location = this.api.send(HttpMethod.POST, "/notes", alice, "{\"title\":\"t\",\"body\":\"secret\"}")
			.getHeaders()
			.getLocation()
			.toString();

		ResponseEntity<String> bobReads = this.api.get(location, bob);
		ResponseEntity<String> missing = this.api.get("/notes/" + UUID.randomUUID(), bob);
		ResponseEntity<String> bobDeletes = this.api.send(HttpMethod.DELETE, location, bob, null);

		assertThat(bobReads.getStatusCode().value()).isEqualTo(404);
		assertThat(withoutInstance(bobReads.getBody())).isEqualTo(withoutInstance(missing.getBody()));
		assertThat(bobDeletes.getStatusCode().value()).isEqualTo(404);
		assertThat(this.api.get("/notes", bob).getBody()).isEqualTo("[]");
		assertThat(this.api.get(location, alice).getBody()).contains("\"body\":\"secret\"");
	}

	@Test
	void ownerDeletesTheirNoteThen204AndThen404() {
		String alice = this.api.tokens(this.api.registerUser()).access();
		String location = this.api.send(HttpMethod.POST, "/notes", alice, "{\"title\":\"t\",\"body\":\"b\"}")
			.getHeaders()
			.getLocation()
			.toString();

		assertThat(this.api.send(HttpMethod.DELETE, location, alice, null).getStatusCode().value()).isEqualTo(204);
		assertThat(this.api.get(location, alice).getStatusCode().value()).isEqualTo(404);
	}

	/** The same answer but for the path it names. */
	private static String withoutInstance(String problem) {
		return problem.replaceAll("\"instance\":\"[^\"]*\",?", "");
	}

	private String admin() {
		String username = this.api.registerUser();
		this.users.updateRoles(id(username), Set.of(Role.ADMIN, Role.USER));
		return username;
	}

	private UUID id(String username) {
		return this.users.findByUsername(username).orElseThrow().id();
	}

}
