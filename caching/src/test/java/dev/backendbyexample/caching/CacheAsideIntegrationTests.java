package dev.backendbyexample.caching;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache-aside through Spring's cache abstraction, seen from HTTP on one instance: the
 * first read loads, the next ones do not; the entry on Redis is JSON with a jittered TTL;
 * "not found" is cached briefly and evicted by the create that makes it wrong; every
 * write path evicts, so the next read is fresh. Queries are counted, not timed.
 */
@CachingIntegrationTest
class CacheAsideIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Products products;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcClient jdbc;

	@Value("${caching.key-prefix}")
	String keyPrefix;

	RestClient api;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@Test
	void firstReadLoadsFromTheDatabaseLaterReadsDoNot() {
		long queries = this.products.expensiveQueries();

		ResponseEntity<String> first = get(11);
		ResponseEntity<String> second = get(11);
		ResponseEntity<String> third = get(11);

		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertThat(first.getHeaders().getFirst("X-Cache")).isEqualTo("miss");
		assertThat(second.getHeaders().getFirst("X-Cache")).isEqualTo("local");
		assertThat(third.getBody()).isEqualTo(first.getBody());
		assertThat(this.products.expensiveQueries() - queries).isEqualTo(1);
		assertThat(first.getBody()).contains("\"id\":11", "\"ratings\":{\"count\":20,");
	}

	@Test
	void entryOnRedisIsReadableJsonWithAJitteredTtl() {
		get(12);

		String key = this.keyPrefix + "products:{12}";
		assertThat(this.redis.opsForValue().get(key)).startsWith("{\"id\":12,\"name\":\"Product 12\"")
			.contains("\"version\":1");
		// 10 minutes, moved by up to 10% either way
		assertThat(this.redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(Duration.ofMinutes(9).toMillis(),
				Duration.ofMinutes(11).toMillis());
	}

	@Test
	void notFoundIsCachedBrieflyAndEvictedByTheCreateThatMakesItWrong() {
		long next = this.jdbc.sql("select max(id) + 1 from product").query(Long.class).single();
		long queries = this.products.expensiveQueries();

		assertThat(get(next).getStatusCode().value()).isEqualTo(404);
		ResponseEntity<String> again = get(next);
		assertThat(again.getStatusCode().value()).isEqualTo(404);
		assertThat(again.getHeaders().getFirst("X-Cache")).isEqualTo("local");
		assertThat(this.products.expensiveQueries() - queries).as("the second 404 came from the cache").isEqualTo(1);
		String key = this.keyPrefix + "products:{" + next + "}";
		assertThat(this.redis.opsForValue().get(key)).isEqualTo("null");
		assertThat(this.redis.getExpire(key, TimeUnit.SECONDS)).isBetween(1L, 33L);

		ResponseEntity<String> created = this.api.post()
			.uri("/products")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"Kettle\",\"description\":\"Boils water\",\"priceCents\":2599}")
			.retrieve()
			.toEntity(String.class);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(created.getHeaders().getLocation()).hasToString("/products/" + next);

		ResponseEntity<String> found = get(next);
		assertThat(found.getStatusCode().value()).isEqualTo(200);
		assertThat(found.getBody()).contains("\"name\":\"Kettle\"");
	}

	@Test
	void everyWritePathEvictsSoTheNextReadIsFresh() {
		long id = 13;
		ResponseEntity<String> read = get(id);
		get(id);
		String etag = read.getHeaders().getETag();

		// a replace
		ResponseEntity<String> replaced = put(id, etag, "Renamed");
		assertThat(replaced.getStatusCode().value()).isEqualTo(200);
		ResponseEntity<String> afterReplace = get(id);
		assertThat(afterReplace.getHeaders().getFirst("X-Cache")).isEqualTo("miss");
		assertThat(afterReplace.getBody()).contains("\"name\":\"Renamed\"", "\"version\":2");

		// a review: the rating summary is part of the product
		get(id);
		ResponseEntity<String> reviewed = this.api.post()
			.uri("/products/{id}/reviews", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"author\":\"ada\",\"rating\":5}")
			.retrieve()
			.toEntity(String.class);
		assertThat(reviewed.getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> afterReview = get(id);
		assertThat(afterReview.getHeaders().getFirst("X-Cache")).isEqualTo("miss");
		assertThat(afterReview.getBody()).contains("\"count\":21", "\"version\":3");

		// a delete
		get(id);
		ResponseEntity<Void> deleted = this.api.delete()
			.uri("/products/{id}", id)
			.header(HttpHeaders.IF_MATCH, afterReview.getHeaders().getETag())
			.retrieve()
			.toBodilessEntity();
		assertThat(deleted.getStatusCode().value()).isEqualTo(204);
		assertThat(get(id).getStatusCode().value()).isEqualTo(404);
	}

	private ResponseEntity<String> get(long id) {
		return this.api.get().uri("/products/{id}", id).retrieve().toEntity(String.class);
	}

	private ResponseEntity<String> put(long id, String ifMatch, String name) {
		return this.api.put()
			.uri("/products/{id}", id)
			.header(HttpHeaders.IF_MATCH, ifMatch)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"" + name + "\",\"description\":\"Changed\",\"priceCents\":1000}")
			.retrieve()
			.toEntity(String.class);
	}

}
