package dev.backendbyexample.restvsgraphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.backendbyexample.restvsgraphql.UseCases.Outcome;
import dev.backendbyexample.restvsgraphql.UseCases.UseCase;
import dev.backendbyexample.restvsgraphql.UseCases.Way;
import dev.backendbyexample.testsupport.demo.Demo;
import dev.backendbyexample.testsupport.demo.DemoHttp;
import dev.backendbyexample.testsupport.demo.DemoResponse;
import dev.backendbyexample.testsupport.demo.DemoScenario;
import dev.backendbyexample.testsupport.demo.Narrator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo: the three use cases both ways with the measured table; the N+1 with and
 * without batching; an abusive query refused; a 304 and a 412 on the REST side.
 */
class RestVsGraphqlScenario implements DemoScenario {

	static final int FEED_SIZE = 20;

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	public void play(Demo demo) throws Exception {
		Narrator narrator = demo.narrator();
		DemoHttp http = demo.http();
		SqlStatements sql = demo.bean(SqlStatements.class);
		UseCases useCases = new UseCases(http.base());
		narrator.title("REST vs GraphQL: one domain (1,000 users, 20,000 posts, 100,000 comments), two APIs");

		narrator.step("a) A profile card (name and post count)");
		DemoResponse rest = http.get("/users/1");
		narrator.exchange(rest, "ETag").say(rest.body());
		DemoResponse graphQl = graphQl(http, "{ user(id: 1) { name postCount } }");
		narrator.exchange(graphQl).say("{ user(id: 1) { name postCount } } -> " + graphQl.body());
		narrator.why("REST answers the whole resource (email, bio); GraphQL exactly the fields asked for");

		narrator.step("Every use case, played by a REST client and a GraphQL client (feed: " + FEED_SIZE
				+ " posts, author names, first 3 comments each)");
		List<List<String>> rows = new ArrayList<>();
		for (UseCase useCase : UseCase.values()) {
			for (Way way : ways(useCase)) {
				long before = sql.count();
				Outcome outcome = useCases.play(useCase, way, FEED_SIZE);
				rows.add(List.of(useCase.label(), way.label(), String.valueOf(outcome.roundTrips()),
						String.valueOf(outcome.bytes()), String.valueOf(sql.count() - before)));
			}
		}
		narrator.table(List.of("use case", "way", "round trips", "bytes", "SQL statements"), rows);
		narrator.why("REST's generic resources make the feed 1 + authors + posts requests; GraphQL asks once, "
				+ "and for titles it leaves the post bodies on the server");

		narrator.step("The N+1 problem: the GraphQL feed's SQL statements as the page grows");
		List<List<String>> nPlusOne = new ArrayList<>();
		for (int size : List.of(10, 50, 100)) {
			nPlusOne.add(List.of(String.valueOf(size), String.valueOf(statements(sql, useCases, Way.GRAPHQL, size)),
					String.valueOf(statements(sql, useCases, Way.GRAPHQL_WITHOUT_BATCHING, size))));
		}
		narrator.table(List.of("posts", "batched (DataLoader)", "one parent at a time"), nPlusOne);
		narrator.why("a resolver per parent runs a statement per post and field; @BatchMapping loads a whole level "
				+ "with one WHERE id = ANY(?)");

		narrator.step("Abusive queries: a cycle (user -> posts -> author -> posts -> ...) and 100 users x 100 posts");
		DemoResponse deep = graphQl(http, "{ user(id: 1) { posts(first: 1) { edges { node { author { posts(first: 1) "
				+ "{ edges { node { author { posts(first: 1) { edges { node { author { posts(first: 1) { edges { "
				+ "node { title } } } } } } } } } } } } } } } } }");
		narrator.exchange(deep).say(message(deep));
		DemoResponse wide = graphQl(http,
				"{ users(first: 100) { edges { node { posts(first: 100) { edges { node { title } } } } } } }");
		narrator.exchange(wide).say(message(wide));
		narrator.why("depth and cost are computed from the query before it runs: not one SQL statement is spent");

		narrator.step("HTTP caching: REST revalidates with the ETag");
		String etag = rest.header("ETag").orElseThrow();
		narrator.exchange(http.get("/users/1", "If-None-Match", etag), "ETag");
		DemoResponse persisted = http.get("/graphql/persisted/profile-card?variables=%7B%22id%22%3A1%7D");
		narrator.exchange(persisted, "ETag");
		narrator.exchange(http.get("/graphql/persisted/profile-card?variables=%7B%22id%22%3A1%7D", "If-None-Match",
				persisted.header("ETag").orElseThrow()), "ETag");
		narrator.why("a GET names the resource in its URI, so any cache can keep it; a GraphQL POST cannot be cached "
				+ "by HTTP, unless the query is stored on the server and run by GET (a persisted query)");

		narrator.step("A lost update refused: two clients edit user 1 from the same ETag");
		DemoResponse first = patch(http, "{\"bio\":\"first editor\"}", etag);
		narrator.exchange(first, "ETag");
		DemoResponse second = patch(http, "{\"bio\":\"second editor\"}", etag);
		narrator.exchange(second).say(field(second, "detail"));
		DemoResponse blind = patch(http, "{\"bio\":\"blind write\"}", null);
		narrator.exchange(blind).say(field(blind, "detail"));
		narrator.why("If-Match makes the write conditional on the version the client read: 412 when it moved on, "
				+ "428 when the client did not say");
	}

	private static List<Way> ways(UseCase useCase) {
		return (useCase == UseCase.FEED) ? List.of(Way.REST, Way.REST_PURPOSE_BUILT, Way.GRAPHQL)
				: List.of(Way.REST, Way.GRAPHQL);
	}

	private static long statements(SqlStatements sql, UseCases useCases, Way way, int size) {
		long before = sql.count();
		useCases.play(UseCase.FEED, way, size);
		return sql.count() - before;
	}

	private static DemoResponse graphQl(DemoHttp http, String query) {
		return http.post("/graphql", json.writeValueAsString(Map.of("query", query)));
	}

	private static DemoResponse patch(DemoHttp http, String body, String ifMatch) {
		return (ifMatch != null) ? http.send("PATCH", "/users/1", body, "Content-Type", "application/merge-patch+json",
				"If-Match", ifMatch)
				: http.send("PATCH", "/users/1", body, "Content-Type", "application/merge-patch+json");
	}

	private static String message(DemoResponse response) {
		JsonNode error = json.readTree(response.body()).get("errors").get(0);
		return error.get("extensions").get("classification").asString() + ": " + error.get("message").asString();
	}

	private static String field(DemoResponse response, String name) {
		return json.readTree(response.body()).get(name).asString();
	}

}
