package dev.backendbyexample.restvsgraphql;

import java.util.Map;
import java.util.UUID;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL endpoint over real HTTP: the client chooses the fields; errors carry a
 * classification; abusive queries are refused before a single SQL statement runs;
 * mutations keep the same rules as REST's writes; persisted queries over GET are
 * cacheable with an ETag.
 */
@RestVsGraphqlIntegrationTest
class GraphQlIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	SqlStatements sqlStatements;

	@Autowired
	JdbcClient jdbc;

	/** /graphql is not an operation of the OpenAPI document: a plain client. */
	RestClient plain;

	@BeforeEach
	void client() {
		this.plain = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void theResponseHasExactlyTheFieldsTheQueryNames() {
		JsonNode response = query("{ user(id: 1) { name postCount } }");

		assertThat(response.toString()).isEqualTo("{\"data\":{\"user\":{\"name\":\"User 1\",\"postCount\":20}}}");
	}

	@Test
	void aMissingUserIsNullWithANotFoundError() {
		JsonNode response = query("{ user(id: 999999) { name } }");

		assertThat(response.get("data").get("user").isNull()).isTrue();
		assertThat(classification(response)).isEqualTo("NOT_FOUND");
		assertThat(response.get("errors").get(0).get("message").asString()).isEqualTo("No user has id 999999.");
	}

	@Test
	void aPageSizeAboveTheMaximumIsABadRequestNamingTheArgument() {
		JsonNode response = query("{ posts(first: 101) { edges { cursor } } }");

		assertThat(classification(response)).isEqualTo("BAD_REQUEST");
		assertThat(response.get("errors").get(0).get("extensions").get("errors").toString())
			.isEqualTo("[{\"argument\":\"first\",\"detail\":\"must be between 1 and 100\"}]");
	}

	@Test
	void aQueryDeeperThanTheLimitIsRefusedBeforeAnySqlRuns() {
		// 16 levels, one item each: cheap, but a cycle (user → posts → author → …).
		String deep = "{ user(id: 1) { posts(first: 1) { edges { node { author { posts(first: 1) { edges { node "
				+ "{ author { posts(first: 1) { edges { node { author { posts(first: 1) { edges { node { title "
				+ "} } } } } } } } } } } } } } } } }";
		long before = this.sqlStatements.count();

		JsonNode response = query(deep);

		assertThat(response.has("data")).isFalse();
		assertThat(classification(response)).isEqualTo("ExecutionAborted");
		assertThat(response.get("errors").get(0).get("message").asString()).startsWith("maximum query depth exceeded")
			.endsWith("> " + QueryLimits.MAX_DEPTH);
		assertThat(this.sqlStatements.count()).isEqualTo(before);
	}

	@Test
	void aQueryCostlierThanTheLimitIsRefusedBeforeAnySqlRuns() {
		// Shallow, but 100 users × 100 posts each.
		long before = this.sqlStatements.count();

		JsonNode response = query(
				"{ users(first: 100) { edges { node { posts(first: 100) { edges { node { title } } } " + "} } } }");

		assertThat(classification(response)).isEqualTo("ExecutionAborted");
		assertThat(response.get("errors").get(0).get("message").asString())
			.startsWith("maximum query complexity exceeded")
			.endsWith("> " + QueryLimits.MAX_COMPLEXITY);
		assertThat(this.sqlStatements.count()).isEqualTo(before);
	}

	@Test
	void aFeedOf100PostsWithAuthorsAndCommentsIsWithinTheLimits() {
		JsonNode response = query("{ posts(first: 100) { edges { node { title author { name } comments(first: 3) "
				+ "{ edges { node { body } } } } } } }");

		assertThat(response.has("errors")).isFalse();
		assertThat(response.get("data").get("posts").get("edges")).hasSize(100);
	}

	@Test
	void graphiqlsIntrospectionQueryIsWithinTheLimits() {
		JsonNode response = query(IntrospectionQuery.INTROSPECTION_QUERY);

		assertThat(response.has("errors")).isFalse();
		assertThat(response.get("data").get("__schema").get("types").toString()).contains("NaivePost");
	}

	@Test
	void mutationsCreateChangeAndDeleteWithTheSameRulesAsRest() {
		String email = UUID.randomUUID() + "@example.com";
		JsonNode created = query(
				"mutation { createUser(input: {name: \"Gql\", email: \"" + email + "\", bio: \"hi\"}) { id version } }")
			.get("data")
			.get("createUser");
		String id = created.get("id").asString();

		JsonNode updated = query(
				"mutation { updateUser(id: " + id + ", input: {bio: null}, expectedVersion: 0) { bio version } }");
		assertThat(updated.get("data").get("updateUser").toString()).isEqualTo("{\"bio\":null,\"version\":1}");

		JsonNode stale = query(
				"mutation { updateUser(id: " + id + ", input: {name: \"Lost\"}, expectedVersion: 0) { name } }");
		assertThat(classification(stale)).isEqualTo("CONFLICT");
		assertThat(this.jdbc.sql("select name from users where id = ?")
			.param(Long.parseLong(id))
			.query(String.class)
			.single()).isEqualTo("Gql");

		assertThat(query("mutation { deleteUser(id: " + id + ") }").get("data").get("deleteUser").asString())
			.isEqualTo(id);
		assertThat(classification(query("mutation { deleteUser(id: " + id + ") }"))).isEqualTo("NOT_FOUND");
	}

	@Test
	void anInvalidInputIsABadRequestAndCreatesNothing() {
		long before = this.jdbc.sql("select count(*) from users").query(Long.class).single();

		JsonNode response = query("mutation { createUser(input: {name: \"\", email: \"not-an-email\"}) { id } }");

		assertThat(classification(response)).isEqualTo("BAD_REQUEST");
		assertThat(this.jdbc.sql("select count(*) from users").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void createUserWithAnIdempotencyKeyTwiceCreatesOne() {
		String mutation = "mutation { createUser(input: {name: \"Once\", email: \"once@example.com\"}, "
				+ "idempotencyKey: \"" + UUID.randomUUID() + "\") { id } }";

		String first = query(mutation).get("data").get("createUser").get("id").asString();
		String retry = query(mutation).get("data").get("createUser").get("id").asString();

		assertThat(retry).isEqualTo(first);
	}

	@Test
	void aPersistedQueryOverGetAnswersAnETagAndA304WhenRevalidated() {
		RestClient api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		String uri = "/graphql/persisted/titles?variables={variables}";

		ResponseEntity<String> first = api.get().uri(uri, "{\"first\":5}").retrieve().toEntity(String.class);
		ResponseEntity<String> revalidated = api.get()
			.uri(uri, "{\"first\":5}")
			.header(HttpHeaders.IF_NONE_MATCH, first.getHeaders().getETag())
			.retrieve()
			.toEntity(String.class);

		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertThat(first.getBody()).startsWith("{\"data\":{\"posts\":{\"edges\":[{\"node\":{\"title\":\"Post 20000");
		assertThat(first.getHeaders().getCacheControl()).isEqualTo("no-cache");
		assertThat(revalidated.getStatusCode().value()).isEqualTo(304);
		assertThat(revalidated.getBody()).isNull();
	}

	@Test
	void onlyStoredQueriesRunOverGet() {
		RestClient api = OpenApiValidation.restClient("http://localhost:" + this.port).build();

		ResponseEntity<String> refused = api.get()
			.uri("/graphql/persisted/delete-everything")
			.retrieve()
			.toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(404);
		assertThat(refused.getBody()).contains("persisted-query-not-found");
	}

	@Test
	void graphiqlAndTheSchemaWithItsDescriptionsAreServed() {
		assertThat(this.plain.get().uri("/graphiql?path=/graphql").retrieve().toEntity(String.class).getBody())
			.contains("GraphiQL");
		assertThat(this.plain.get().uri("/graphql/schema").retrieve().body(String.class)).contains("type NaivePost")
			.contains("Not batched: one SQL statement per post.");
	}

	private JsonNode query(String query) {
		String body = this.plain.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json.writeValueAsString(Map.of("query", query)))
			.retrieve()
			.body(String.class);
		return json.readTree(body);
	}

	private static String classification(JsonNode response) {
		return response.get("errors").get(0).get("extensions").get("classification").asString();
	}

}
