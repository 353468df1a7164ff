package dev.backendbyexample.caching;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP caching: an ETag from the version, checked before the expensive query, so a
 * revalidation costs no query (even with the cache empty); Spring's
 * ShallowEtagHeaderFilter beside it saves the bytes but runs the query every time;
 * If-Match turns a lost update into a 412; each resource says how it may be cached.
 */
@CachingIntegrationTest
class HttpCachingIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Products products;

	@Autowired
	CacheManager caches;

	@Autowired
	JdbcClient jdbc;

	RestClient api;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@Test
	void ifNoneMatchWithTheCurrentVersionIs304WithoutTheExpensiveQuery() {
		ResponseEntity<String> full = get("/products/21", null);
		String etag = full.getHeaders().getETag();
		assertThat(etag).isEqualTo("\"p21-v1\"");
		long queries = this.products.expensiveQueries();

		ResponseEntity<String> fromCache = get("/products/21", etag);
		// the cache emptied: the version column answers, still not the aggregate
		this.caches.getCache("products").evict(21L);
		ResponseEntity<String> fromVersionColumn = get("/products/21", etag);

		assertThat(fromCache.getStatusCode().value()).isEqualTo(304);
		assertThat(fromCache.getBody()).isNull();
		assertThat(fromCache.getHeaders().getETag()).isEqualTo(etag);
		assertThat(fromCache.getHeaders().getFirst("X-Cache")).isEqualTo("local");
		assertThat(fromVersionColumn.getStatusCode().value()).isEqualTo(304);
		assertThat(fromVersionColumn.getHeaders().getFirst("X-Cache")).isEqualTo("miss");
		assertThat(this.products.expensiveQueries()).isEqualTo(queries);
	}

	@Test
	void ifNoneMatchWithAnOldVersionGetsTheNewOne() {
		String old = get("/products/22", null).getHeaders().getETag();
		put(22, old, "Newer");

		ResponseEntity<String> response = get("/products/22", old);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getETag()).isEqualTo("\"p22-v2\"");
		assertThat(response.getBody()).contains("\"name\":\"Newer\"");
	}

	@Test
	void shallowEtagFilterAnswers304ButRunsTheQueryEveryTime() {
		ResponseEntity<String> full = get("/shallow-etag/products/23", null);
		String etag = full.getHeaders().getETag();
		long queries = this.products.expensiveQueries();

		ResponseEntity<String> revalidated = get("/shallow-etag/products/23", etag);

		assertThat(revalidated.getStatusCode().value()).isEqualTo(304);
		assertThat(this.products.expensiveQueries() - queries).as("the body was built to be hashed").isEqualTo(1);
	}

	@Test
	void updateWithAStaleIfMatchIs412AndChangesNothing() {
		String read = get("/products/24", null).getHeaders().getETag();
		assertThat(put(24, read, "First writer").getStatusCode().value()).isEqualTo(200);

		ResponseEntity<String> lost = put(24, read, "Second writer");

		assertThat(lost.getStatusCode().value()).isEqualTo(412);
		assertThat(lost.getBody()).contains("\"title\":\"Version mismatch\"", "p24-v2");
		assertThat(this.jdbc.sql("select name from product where id = 24").query(String.class).single())
			.isEqualTo("First writer");
	}

	@Test
	void updateWithoutIfMatchIs428AndWithStarWritesAnyVersion() {
		ResponseEntity<String> missing = this.api.put()
			.uri("/products/25")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"x\",\"description\":\"y\",\"priceCents\":1}")
			.retrieve()
			.toEntity(String.class);
		assertThat(missing.getStatusCode().value()).isEqualTo(428);

		assertThat(put(25, "*", "Whatever the version").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void eachResourceSaysHowItMayBeCached() {
		assertThat(get("/products?limit=2", null).getHeaders().getCacheControl()).isEqualTo("max-age=60, public");
		assertThat(get("/products/26", null).getHeaders().getCacheControl()).isEqualTo("no-cache, public");
		ResponseEntity<String> mine = this.api.get()
			.uri("/products/26/my-reviews")
			.header("X-User", "user-806")
			.retrieve()
			.toEntity(String.class);
		assertThat(mine.getStatusCode().value()).isEqualTo(200);
		assertThat(mine.getHeaders().getCacheControl()).isEqualTo("no-store, private");
	}

	private ResponseEntity<String> get(String path, String ifNoneMatch) {
		return this.api.get().uri(path).headers((headers) -> {
			if (ifNoneMatch != null) {
				headers.setIfNoneMatch(ifNoneMatch);
			}
		}).retrieve().toEntity(String.class);
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
