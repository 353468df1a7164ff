package dev.backendbyexample.restvsgraphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three client use cases of the comparison, each played the way a client of each API
 * would really play it, over real HTTP: what it costs in round trips and response bytes,
 * and what the screen would show (the view, so that a test can check that both APIs show
 * the same thing). The server's SQL statements are counted by the caller, around a run.
 */
final class UseCases {

	/** The post whose author's profile card use case (a) shows. */
	static final long PROFILE_USER = 1;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final URI base;

	/** The ETags a revalidating client holds, by path. */
	private final Map<String, String> etags = new java.util.concurrent.ConcurrentHashMap<>();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	UseCases(URI base) {
		this.base = base;
	}

	/** What a client wants to show. */
	enum UseCase {

		PROFILE_CARD("a) profile card"), FEED("b) feed"), TITLES("c) titles");

		private final String label;

		UseCase(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/** How the client asks for it. */
	enum Way {

		/** The generic resources: as many requests as the screen needs. */
		REST("REST"),
		/** {@code GET /feed}: one endpoint shaped for the feed screen. */
		REST_PURPOSE_BUILT("REST /feed"),
		/** One query, resolved with DataLoader batching. */
		GRAPHQL("GraphQL"),
		/** The same query against resolvers that do not batch. */
		GRAPHQL_WITHOUT_BATCHING("GraphQL, no batching"),
		/** A client that has the profile already and revalidates it: 304. */
		REST_REVALIDATED("REST, If-None-Match"),
		/** The persisted profile-card query over GET, revalidated: 304. */
		GRAPHQL_PERSISTED_REVALIDATED("GraphQL GET, If-None-Match");

		private final String label;

		Way(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/**
	 * What one play of a use case cost the client, and what it shows.
	 *
	 * @param roundTrips HTTP requests made
	 * @param bytes response body bytes received (uncompressed)
	 * @param view what the screen shows, one line per item
	 */
	record Outcome(int roundTrips, long bytes, List<String> view) {

	}

	Outcome play(UseCase useCase, Way way, int size) {
		Client client = new Client();
		List<String> view = switch (useCase) {
			case PROFILE_CARD -> profileCard(client, way);
			case FEED -> feed(client, way, size);
			case TITLES -> titles(client, way, size);
		};
		return new Outcome(client.roundTrips, client.bytes, view);
	}

	private List<String> profileCard(Client client, Way way) {
		if (way == Way.REST_REVALIDATED || way == Way.GRAPHQL_PERSISTED_REVALIDATED) {
			// The client shows what it has, after a 304 said it is still current.
			String path = (way == Way.REST_REVALIDATED) ? "/users/" + PROFILE_USER
					: "/graphql/persisted/profile-card?variables=%7B%22id%22%3A" + PROFILE_USER + "%7D";
			client.revalidate(path, this.etags.computeIfAbsent(path, this::etag));
			return List.of();
		}
		if (way == Way.REST) {
			JsonNode user = client.get("/users/" + PROFILE_USER);
			return List.of(user.get("name").asString() + " | " + user.get("postCount").asInt());
		}
		JsonNode user = client.graphQl("{ user(id: " + PROFILE_USER + ") { name postCount } }").get("user");
		return List.of(user.get("name").asString() + " | " + user.get("postCount").asInt());
	}

	private List<String> feed(Client client, Way way, int size) {
		return switch (way) {
			case REST -> {
				// The generic resources: the posts name their authors by id, and the
				// comments are a collection of their own: 1 + authors + posts requests.
				JsonNode posts = client.get("/posts?limit=" + size).get("items");
				Map<Long, String> authors = new LinkedHashMap<>();
				for (JsonNode post : posts) {
					authors.computeIfAbsent(post.get("authorId").asLong(),
							(id) -> client.get("/users/" + id).get("name").asString());
				}
				List<String> view = new ArrayList<>();
				for (JsonNode post : posts) {
					JsonNode comments = client.get("/posts/" + post.get("id").asLong() + "/comments?limit=3")
						.get("items");
					view.add(line(post.get("title").asString(), authors.get(post.get("authorId").asLong()), comments));
				}
				yield view;
			}
			case REST_PURPOSE_BUILT -> {
				List<String> view = new ArrayList<>();
				for (JsonNode item : client.get("/feed?limit=" + size).get("items")) {
					view.add(line(item.get("title").asString(), item.get("authorName").asString(),
							item.get("comments")));
				}
				yield view;
			}
			case GRAPHQL, GRAPHQL_WITHOUT_BATCHING -> {
				String field = (way == Way.GRAPHQL) ? "posts" : "postsWithoutBatching";
				JsonNode edges = client.graphQl("{ " + field + "(first: " + size
						+ ") { edges { node { title author { name } comments(first: 3) { edges { node { body } } } } } } }")
					.get(field)
					.get("edges");
				List<String> view = new ArrayList<>();
				for (JsonNode edge : edges) {
					JsonNode post = edge.get("node");
					List<JsonNode> comments = new ArrayList<>();
					post.get("comments").get("edges").forEach((e) -> comments.add(e.get("node")));
					view.add(line(post.get("title").asString(), post.get("author").get("name").asString(),
							json.valueToTree(comments)));
				}
				yield view;
			}
			case REST_REVALIDATED, GRAPHQL_PERSISTED_REVALIDATED ->
				throw new IllegalArgumentException(way.label() + " plays the profile card only");
		};
	}

	private List<String> titles(Client client, Way way, int size) {
		List<String> view = new ArrayList<>();
		if (way == Way.REST) {
			client.get("/posts?limit=" + size).get("items").forEach((post) -> view.add(post.get("title").asString()));
			return view;
		}
		client.graphQl("{ posts(first: " + size + ") { edges { node { title } } } }")
			.get("posts")
			.get("edges")
			.forEach((edge) -> view.add(edge.get("node").get("title").asString()));
		return view;
	}

	/** The ETag a first, uncounted read answers. */
	private String etag(String path) {
		try {
			return this.client
				.send(HttpRequest.newBuilder(this.base.resolve(path)).build(), HttpResponse.BodyHandlers.discarding())
				.headers()
				.firstValue("ETag")
				.orElseThrow();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String line(String title, String author, JsonNode comments) {
		List<String> bodies = new ArrayList<>();
		comments.forEach((comment) -> bodies.add(comment.get("body").asString()));
		return title + " | " + author + " | " + String.join("; ", bodies);
	}

	/** Counts what one play sends and receives. */
	private final class Client {

		int roundTrips;

		long bytes;

		JsonNode get(String path) {
			return send(HttpRequest.newBuilder(UseCases.this.base.resolve(path)).GET());
		}

		JsonNode graphQl(String query) {
			String body = json.writeValueAsString(Map.of("query", query));
			JsonNode response = send(HttpRequest.newBuilder(UseCases.this.base.resolve("/graphql"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
			if (response.has("errors")) {
				throw new IllegalStateException("GraphQL errors: " + response.get("errors"));
			}
			return response.get("data");
		}

		void revalidate(String path, String etag) {
			HttpResponse<byte[]> response = exchange(
					HttpRequest.newBuilder(UseCases.this.base.resolve(path)).header("If-None-Match", etag).GET());
			if (response.statusCode() != 304) {
				throw new IllegalStateException(path + " answered " + response.statusCode() + ", not 304");
			}
		}

		private JsonNode send(HttpRequest.Builder request) {
			HttpResponse<byte[]> response = exchange(request);
			if (response.statusCode() != 200) {
				throw new IllegalStateException(response.uri() + " answered " + response.statusCode());
			}
			return json.readTree(response.body());
		}

		private HttpResponse<byte[]> exchange(HttpRequest.Builder request) {
			try {
				HttpResponse<byte[]> response = UseCases.this.client.send(
						request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(),
						HttpResponse.BodyHandlers.ofByteArray());
				this.roundTrips++;
				this.bytes += response.body().length;
				return response;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}

	}

}
