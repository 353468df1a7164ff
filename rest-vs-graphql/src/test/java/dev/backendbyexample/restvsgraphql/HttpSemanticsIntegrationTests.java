package dev.backendbyexample.restvsgraphql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP method's rule, one test each, over real HTTP against the seeded database;
 * every response is checked against the OpenAPI document ({@link OpenApiValidation}). The
 * README's HTTP-methods table links here.
 */
@RestVsGraphqlIntegrationTest
class HttpSemanticsIntegrationTests {

	static final MediaType MERGE_PATCH = MediaType.parseMediaType(UserController.MERGE_PATCH_JSON);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	RestClient http;

	@BeforeEach
	void client() {
		this.http = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	// GET: safe and cacheable

	@Test
	void getIsSafeTheSameReadTwiceChangesNothingAndAnswersTheSameETag() {
		long id = create("ada").id;
		ResponseEntity<String> first = get("/users/" + id);
		ResponseEntity<String> second = get("/users/" + id);

		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertThat(second.getBody()).isEqualTo(first.getBody());
		assertThat(second.getHeaders().getETag()).isEqualTo(first.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(version(id)).isZero();
	}

	@Test
	void getWithTheCurrentETagInIfNoneMatchThen304WithoutABody() {
		long id = create("ada").id;
		String etag = get("/users/" + id).getHeaders().getETag();

		ResponseEntity<String> revalidated = this.http.get()
			.uri("/users/{id}", id)
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.retrieve()
			.toEntity(String.class);

		assertThat(revalidated.getStatusCode().value()).isEqualTo(304);
		assertThat(revalidated.getBody()).isNull();
		assertThat(revalidated.getHeaders().getETag()).isEqualTo(etag);
	}

	@Test
	void getWithAnETagThatNoLongerMatchesThen200AndTheNewETag() {
		Created ada = create("ada");
		patch(ada.id, "{\"bio\":\"changed\"}", ada.etag);

		ResponseEntity<String> read = this.http.get()
			.uri("/users/{id}", ada.id)
			.header(HttpHeaders.IF_NONE_MATCH, ada.etag)
			.retrieve()
			.toEntity(String.class);

		assertThat(read.getStatusCode().value()).isEqualTo(200);
		assertThat(read.getHeaders().getETag()).isEqualTo("\"1\"");
		assertThat(read.getBody()).contains("\"bio\":\"changed\"");
	}

	@Test
	void aNewPostChangesItsAuthorsETagBecauseThePostCountIsPartOfTheUser() {
		Created ada = create("ada");
		try {
			ResponseEntity<String> post = this.http.post()
				.uri("/users/{id}/posts", ada.id)
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"title\":\"Hello\",\"body\":\"First post\"}")
				.retrieve()
				.toEntity(String.class);

			assertThat(post.getStatusCode().value()).isEqualTo(201);
			assertThat(post.getHeaders().getLocation()).hasPath("/posts/" + id(post));
			ResponseEntity<String> author = get("/users/" + ada.id);
			assertThat(author.getHeaders().getETag()).isNotEqualTo(ada.etag);
			assertThat(author.getBody()).contains("\"postCount\":1");
		}
		finally {
			// The newest post would head the feed the comparison tests read: gone with
			// its author.
			delete(ada.id, null);
		}
	}

	// POST: neither safe nor idempotent, unless an Idempotency-Key makes it so

	@Test
	void postThen201WithALocationThatReadsTheNewUser() {
		ResponseEntity<String> created = postUser(user("grace"), null);

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(created.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(get(created.getHeaders().getLocation().getPath()).getBody()).isEqualTo(created.getBody());
	}

	@Test
	void postTwiceWithoutAKeyCreatesTwoUsers() {
		String body = user("twice");

		long first = id(postUser(body, null));
		long second = id(postUser(body, null));

		assertThat(second).isNotEqualTo(first);
	}

	@Test
	void postRetriedWithTheSameIdempotencyKeyAnswersTheFirstUserAndCreatesOne() {
		String key = UUID.randomUUID().toString();
		String body = user("retried");

		ResponseEntity<String> first = postUser(body, key);
		ResponseEntity<String> retry = postUser(body, key);

		assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
		assertThat(retry.getStatusCode().value()).isEqualTo(201);
		assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(usersNamed(name(body))).isEqualTo(1);
	}

	@Test
	void sameIdempotencyKeyWithAnotherBodyThen422AndNothingCreated() {
		String key = UUID.randomUUID().toString();
		postUser(user("first"), key);
		String other = user("other");

		ResponseEntity<String> refused = postUser(other, key);

		assertThat(refused.getStatusCode().value()).isEqualTo(422);
		assertThat(refused.getBody()).contains("idempotency-key-reused");
		assertThat(usersNamed(name(other))).isZero();
	}

	@Test
	void sixteenConcurrentRetriesWithOneIdempotencyKeyCreateOneUser() throws Exception {
		String key = UUID.randomUUID().toString();
		String body = user("concurrent");
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
			for (int i = 0; i < 16; i++) {
				answers.add(threads.submit(() -> {
					// All sixteen wait here, then race to claim the key.
					start.await(10, TimeUnit.SECONDS);
					return postUser(body, key);
				}));
			}
			start.countDown();
			Set<String> locations = new HashSet<>();
			int firsts = 0;
			for (Future<ResponseEntity<String>> answer : answers) {
				ResponseEntity<String> response = answer.get(60, TimeUnit.SECONDS);
				assertThat(response.getStatusCode().value()).isEqualTo(201);
				locations.add(String.valueOf(response.getHeaders().getLocation()));
				firsts += "false".equals(response.getHeaders().getFirst("Idempotent-Replayed")) ? 1 : 0;
			}
			assertThat(locations).hasSize(1);
			assertThat(firsts).isEqualTo(1);
		}
		assertThat(usersNamed(name(body))).isEqualTo(1);
	}

	// PUT: replaces, idempotent, only over the version the client read

	@Test
	void putReplacesEveryFieldSoAnOmittedBioIsRemoved() {
		Created ada = create("ada");

		ResponseEntity<String> replaced = put(ada.id, "{\"name\":\"Ada L.\",\"email\":\"ada@example.com\"}", ada.etag);

		assertThat(replaced.getStatusCode().value()).isEqualTo(200);
		assertThat(replaced.getHeaders().getETag()).isEqualTo("\"1\"");
		assertThat(replaced.getBody()).contains("\"name\":\"Ada L.\"").doesNotContain("bio");
	}

	@Test
	void putIsIdempotentTheSameReplacementTwiceLeavesTheSameState() {
		Created ada = create("ada");
		String body = "{\"name\":\"Same\",\"email\":\"same@example.com\",\"bio\":\"same\"}";

		ResponseEntity<String> once = put(ada.id, body, "*");
		ResponseEntity<String> twice = put(ada.id, body, "*");

		assertThat(once.getStatusCode().value()).isEqualTo(200);
		assertThat(twice.getStatusCode().value()).isEqualTo(200);
		assertThat(twice.getBody()).isEqualTo(once.getBody()).contains("\"name\":\"Same\"");
	}

	@Test
	void putWithoutIfMatchThen428AndNothingChanges() {
		Created ada = create("ada");

		ResponseEntity<String> refused = put(ada.id, "{\"name\":\"x\",\"email\":\"x@example.com\"}", null);

		assertThat(refused.getStatusCode().value()).isEqualTo(428);
		assertThat(refused.getBody()).contains("if-match-required");
		assertThat(version(ada.id)).isZero();
	}

	@Test
	void putWithAStaleIfMatchThen412AndNothingChanges() {
		Created ada = create("ada");
		patch(ada.id, "{\"bio\":\"someone else was here\"}", ada.etag);

		ResponseEntity<String> refused = put(ada.id, "{\"name\":\"lost\",\"email\":\"x@example.com\"}", ada.etag);

		assertThat(refused.getStatusCode().value()).isEqualTo(412);
		assertThat(get("/users/" + ada.id).getBody()).contains("someone else was here").doesNotContain("lost");
	}

	@Test
	void putToAUserThatDoesNotExistThen404BecauseIdsAreTheServers() {
		assertThat(put(999_999, "{\"name\":\"x\",\"email\":\"x@example.com\"}", "*").getStatusCode().value())
			.isEqualTo(404);
	}

	@Test
	void putWithIfMatchStarWaitsForAConcurrentWriteThenReplacesWhateverIsThere() throws Exception {
		Created ada = create("ada");

		ResponseEntity<String> replaced = whileAnotherWriteHoldsTheRow(ada.id,
				() -> put(ada.id, "{\"name\":\"Star\",\"email\":\"star@example.com\"}", "*"));

		// The other write took the version to 1 while the PUT waited: * still holds.
		assertThat(replaced.getStatusCode().value()).isEqualTo(200);
		assertThat(replaced.getHeaders().getETag()).isEqualTo("\"2\"");
		assertThat(replaced.getBody()).contains("\"name\":\"Star\"").doesNotContain("bio");
	}

	// PATCH: JSON Merge Patch

	@Test
	void patchChangesThePresentFieldsKeepsTheAbsentOnesAndNullRemovesBio() {
		Created ada = create("ada");

		ResponseEntity<String> patched = patch(ada.id, "{\"name\":\"Ada B.\",\"bio\":null}", ada.etag);

		assertThat(patched.getStatusCode().value()).isEqualTo(200);
		assertThat(patched.getBody()).contains("\"name\":\"Ada B.\"")
			.contains("\"email\":\"" + ada.email + "\"")
			.doesNotContain("bio");
	}

	@Test
	void patchAsApplicationJsonThen415NamingTheMergePatchType() {
		Created ada = create("ada");

		ResponseEntity<String> refused = this.http.patch()
			.uri("/users/{id}", ada.id)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.IF_MATCH, ada.etag)
			.body("{\"name\":\"x\"}")
			.retrieve()
			.toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(415);
		assertThat(refused.getHeaders().getFirst(HttpHeaders.ACCEPT)).contains(UserController.MERGE_PATCH_JSON);
		assertThat(version(ada.id)).isZero();
	}

	@Test
	void patchRemovingARequiredFieldThen400NamingItAndNothingChanges() {
		Created ada = create("ada");

		ResponseEntity<String> refused = patch(ada.id, "{\"name\":null,\"bio\":\"kept?\"}", ada.etag);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("{\"pointer\":\"/name\",\"detail\":\"must not be blank\"}");
		assertThat(get("/users/" + ada.id).getBody()).doesNotContain("kept?");
	}

	@Test
	void patchWithAnUnknownMemberOrAWrongTypeThen400NamingThem() {
		Created ada = create("ada");

		ResponseEntity<String> refused = patch(ada.id, "{\"nickname\":\"x\",\"email\":42}", ada.etag);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("{\"pointer\":\"/nickname\",\"detail\":\"unknown property\"}")
			.contains("{\"pointer\":\"/email\",\"detail\":\"must be a string or null\"}");
		assertThat(version(ada.id)).isZero();
	}

	@Test
	void patchWithoutIfMatchThen428AndWithAStaleOneThen412() {
		Created ada = create("ada");

		assertThat(patch(ada.id, "{\"bio\":\"x\"}", null).getStatusCode().value()).isEqualTo(428);
		assertThat(patch(ada.id, "{\"bio\":\"x\"}", "\"7\"").getStatusCode().value()).isEqualTo(412);
		assertThat(patch(ada.id, "{\"bio\":\"x\"}", "W/" + ada.etag).getStatusCode().value())
			.as("a weak ETag never matches in If-Match (strong comparison)")
			.isEqualTo(412);
		assertThat(version(ada.id)).isZero();
	}

	@Test
	void patchWithAnIfMatchListNamingTheCurrentVersionSucceedsBecauseAnyListedTagMayMatch() {
		Created ada = create("ada");
		patch(ada.id, "{\"bio\":\"one\"}", ada.etag);

		ResponseEntity<String> patched = patch(ada.id, "{\"bio\":\"two\"}", "\"0\", W/\"7\", \"1\"");

		assertThat(patched.getStatusCode().value()).isEqualTo(200);
		assertThat(patched.getHeaders().getETag()).isEqualTo("\"2\"");
		assertThat(patched.getBody()).contains("\"bio\":\"two\"");
	}

	@Test
	void putWithAnIfMatchListOfOnlyStaleOrWeakTagsThen412AndNothingChanges() {
		Created ada = create("ada");
		patch(ada.id, "{\"bio\":\"someone else was here\"}", ada.etag);

		ResponseEntity<String> refused = put(ada.id, "{\"name\":\"lost\",\"email\":\"x@example.com\"}",
				"\"0\", \"7\", W/\"1\"");

		assertThat(refused.getStatusCode().value()).isEqualTo(412);
		assertThat(refused.getBody()).contains("at none of the versions [0, 7]");
		assertThat(version(ada.id)).isEqualTo(1);
	}

	@Test
	void patchWithIfMatchStarWaitsForAConcurrentWriteThenMergesIntoItsResult() throws Exception {
		Created ada = create("ada");

		ResponseEntity<String> patched = whileAnotherWriteHoldsTheRow(ada.id,
				() -> patch(ada.id, "{\"name\":\"Star\"}", "*"));

		// Merged into the other write's result, not into the read before it: its bio
		// stays.
		assertThat(patched.getStatusCode().value()).isEqualTo(200);
		assertThat(patched.getHeaders().getETag()).isEqualTo("\"2\"");
		assertThat(patched.getBody()).contains("\"name\":\"Star\"").contains("\"bio\":\"concurrent\"");
	}

	// DELETE: idempotent in effect; the repeat answers 404

	@Test
	void deleteThen204AndTheRepeatThen404() {
		Created ada = create("ada");

		assertThat(delete(ada.id, null).getStatusCode().value()).isEqualTo(204);
		assertThat(delete(ada.id, null).getStatusCode().value()).isEqualTo(404);
		assertThat(get("/users/" + ada.id).getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void deleteWithAStaleIfMatchThen412AndTheUserRemains() {
		Created ada = create("ada");
		patch(ada.id, "{\"bio\":\"newer\"}", ada.etag);

		assertThat(delete(ada.id, ada.etag).getStatusCode().value()).isEqualTo(412);
		assertThat(get("/users/" + ada.id).getStatusCode().value()).isEqualTo(200);
		assertThat(delete(ada.id, "\"1\"").getStatusCode().value()).isEqualTo(204);
	}

	// Cursor pagination with Link headers

	@Test
	void followingTheLinkHeadersVisitsEveryPostOfAUserOnceAndTheLastPageHasNoLink() {
		List<String> ids = new ArrayList<>();
		String next = "/users/1/posts?limit=7";
		int pages = 0;
		while (next != null) {
			ResponseEntity<String> page = get(next);
			ids.addAll(page.getBody()
				.lines()
				.flatMap((l) -> java.util.Arrays.stream(l.split("\\{\"id\":")).skip(1))
				.map((item) -> item.substring(0, item.indexOf(',')))
				.toList());
			String link = page.getHeaders().getFirst(HttpHeaders.LINK);
			next = (link != null) ? link.substring(link.indexOf('<') + 1, link.indexOf('>')) : null;
			if (link != null) {
				assertThat(link).endsWith("; rel=\"next\"").contains("limit=7");
			}
			pages++;
		}

		assertThat(pages).isEqualTo(3); // 20 posts: 7 + 7 + 6
		assertThat(ids).hasSize(20).doesNotHaveDuplicates();
	}

	@Test
	void aCursorThisApiDidNotMakeThen400NamingTheParameter() {
		ResponseEntity<String> refused = get("/posts?after=not-a-cursor");

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("{\"parameter\":\"after\",\"detail\":\"is not a cursor of this API\"}");
	}

	// Methods and media types the resource does not support

	@Test
	void aMethodTheResourceDoesNotSupportThen405WithAllow() {
		ResponseEntity<String> refused = this.http.method(HttpMethod.DELETE)
			.uri("/posts/1")
			.retrieve()
			.toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(405);
		assertThat(refused.getHeaders().getAllow()).contains(HttpMethod.GET).doesNotContain(HttpMethod.DELETE);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aBodyOfAnotherMediaTypeThen415AndNothingCreated() {
		long before = this.jdbc.sql("select count(*) from users").query(Long.class).single();

		ResponseEntity<String> refused = this.http.post()
			.uri("/users")
			.contentType(MediaType.TEXT_PLAIN)
			.body("name=ada")
			.retrieve()
			.toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(415);
		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void anAcceptTheResourceCannotAnswerThen406() {
		ResponseEntity<String> refused = this.http.get()
			.uri("/users/1")
			.accept(MediaType.APPLICATION_XML)
			.retrieve()
			.toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(406);
		assertThat(refused.getHeaders().getFirst(HttpHeaders.ACCEPT)).contains("application/json");
	}

	// Helpers

	private record Created(long id, String etag, String email) {
	}

	private Created create(String name) {
		String body = user(name);
		ResponseEntity<String> created = postUser(body, null);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		return new Created(id(created), created.getHeaders().getETag(),
				body.replaceAll(".*\"email\":\"([^\"]+)\".*", "$1"));
	}

	/** A user body whose name no other test uses. */
	private static String user(String name) {
		String unique = name + "-" + UUID.randomUUID();
		return "{\"name\":\"" + unique + "\",\"email\":\"" + unique + "@example.com\",\"bio\":\"Hello\"}";
	}

	private static String name(String body) {
		return body.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
	}

	private ResponseEntity<String> postUser(String body, String idempotencyKey) {
		RestClient.RequestBodySpec request = this.http.post().uri("/users").contentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return request.body(body).retrieve().toEntity(String.class);
	}

	private ResponseEntity<String> get(String path) {
		return this.http.get().uri(path).retrieve().toEntity(String.class);
	}

	private ResponseEntity<String> put(long id, String body, String ifMatch) {
		RestClient.RequestBodySpec request = this.http.put()
			.uri("/users/{id}", id)
			.contentType(MediaType.APPLICATION_JSON);
		if (ifMatch != null) {
			request.header(HttpHeaders.IF_MATCH, ifMatch);
		}
		return request.body(body).retrieve().toEntity(String.class);
	}

	private ResponseEntity<String> patch(long id, String body, String ifMatch) {
		RestClient.RequestBodySpec request = this.http.patch().uri("/users/{id}", id).contentType(MERGE_PATCH);
		if (ifMatch != null) {
			request.header(HttpHeaders.IF_MATCH, ifMatch);
		}
		return request.body(body).retrieve().toEntity(String.class);
	}

	private ResponseEntity<Void> delete(long id, String ifMatch) {
		RestClient.RequestHeadersSpec<?> request = this.http.delete().uri("/users/{id}", id);
		if (ifMatch != null) {
			request.header(HttpHeaders.IF_MATCH, ifMatch);
		}
		return request.retrieve().toBodilessEntity();
	}

	/**
	 * Plays {@code write} while another client's update of the user (bio "concurrent",
	 * version + 1) is uncommitted: the write runs until it waits on the row's lock (seen
	 * in PostgreSQL's lock table, not guessed with time), then the other commits.
	 */
	private ResponseEntity<String> whileAnotherWriteHoldsTheRow(long id, Callable<ResponseEntity<String>> write)
			throws Exception {
		try (Connection other = this.dataSource.getConnection();
				ExecutorService client = Executors.newSingleThreadExecutor()) {
			other.setAutoCommit(false);
			try (PreparedStatement update = other
				.prepareStatement("update users set bio = 'concurrent', version = version + 1 where id = ?")) {
				update.setLong(1, id);
				assertThat(update.executeUpdate()).isEqualTo(1);
			}
			int otherPid = backendPid(other);
			Future<ResponseEntity<String>> answer = client.submit(write);
			Awaitility.await("the write waiting on the other's row lock")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> this.jdbc.sql("select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")
					.param(otherPid)
					.query(Integer.class)
					.single() == 1);
			other.commit();
			return answer.get(30, TimeUnit.SECONDS);
		}
	}

	private static int backendPid(Connection connection) throws SQLException {
		try (PreparedStatement pid = connection.prepareStatement("select pg_backend_pid()");
				ResultSet row = pid.executeQuery()) {
			row.next();
			return row.getInt(1);
		}
	}

	private long version(long id) {
		return this.jdbc.sql("select version from users where id = ?").param(id).query(Long.class).single();
	}

	private int usersNamed(String name) {
		return this.jdbc.sql("select count(*) from users where name = ?").param(name).query(Integer.class).single();
	}

	private static long id(ResponseEntity<String> response) {
		return Long.parseLong(response.getBody().replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
	}

}
