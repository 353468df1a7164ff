package dev.backendbyexample.caching;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The products cache's counters as one small JSON document (Prometheus has them all at
 * {@code /actuator/prometheus}).
 */
@RestController
@Tag(name = "Cache statistics", description = "This instance's counters for the products cache.")
class CacheStatsController {

	private final MeterRegistry meters;

	private final Products products;

	private final TwoLevelCacheManager caches;

	private final Invalidations invalidations;

	CacheStatsController(MeterRegistry meters, Products products, TwoLevelCacheManager caches,
			Invalidations invalidations) {
		this.meters = meters;
		this.products = products;
		this.caches = caches;
		this.invalidations = invalidations;
	}

	@GetMapping(path = "/cache-stats", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "cacheStats", summary = "This instance's counters for the products cache")
	@ApiResponse(responseCode = "200", description = "The counters since start.",
			headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = CacheStats.class)))
	ResponseEntity<CacheStats> stats() {
		Cache<String, Object> local = this.caches.twoLevel(TwoLevelCacheManager.PRODUCTS).local();
		CacheStats stats = new CacheStats(this.products.expensiveQueries(),
				local != null && this.invalidations.subscribed(), (local != null) ? local.estimatedSize() : 0,
				count("caching.requests", "level", "local", "result", "hit"),
				count("caching.requests", "level", "local", "result", "miss"),
				count("caching.requests", "level", "redis", "result", "hit"),
				count("caching.requests", "level", "redis", "result", "miss"), count("caching.loads"),
				count("caching.evictions", "cause", "write"), count("caching.redis.failures"));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(stats);
	}

	private long count(String name, String... tags) {
		Search search = this.meters.find(name).tag("cache", TwoLevelCacheManager.PRODUCTS);
		if (tags.length > 0) {
			search = search.tags(tags);
		}
		return (long) search.counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

}
