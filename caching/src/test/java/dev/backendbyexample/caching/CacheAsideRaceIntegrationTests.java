package dev.backendbyexample.caching;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache-aside's race, forced: a reader misses and loads the old row; a writer commits and
 * evicts; then the reader puts what it loaded. Without protection the old row sits on
 * Redis until its TTL. Here the eviction bumped the key's invalidation counter, and the
 * reader's put (a script comparing the counter it saw before loading) is refused.
 */
@CachingIntegrationTest
class CacheAsideRaceIntegrationTests {

	@Autowired
	TwoLevelCacheManager caches;

	@Autowired
	StringRedisTemplate redis;

	@Value("${caching.key-prefix}")
	String keyPrefix;

	@Test
	void aLoadThatStartedBeforeAWriteCannotPutTheOldRowBackAfterTheEviction() throws Exception {
		TwoLevelCache products = this.caches.twoLevel(TwoLevelCacheManager.PRODUCTS);
		CountDownLatch loadedOldRow = new CountDownLatch(1);
		CountDownLatch evicted = new CountDownLatch(1);
		Product oldRow = new Product(71, "Old name", "d", 1, 1, Instant.now(),
				new Product.Ratings(0, null, List.of(0L, 0L, 0L, 0L, 0L)));

		// 1. the reader misses and reads the row as it was
		CompletableFuture<Product> reader = CompletableFuture.supplyAsync(() -> products.get(71L, () -> {
			loadedOldRow.countDown();
			// 3. ... and only now gets to put it
			evicted.await(10, TimeUnit.SECONDS);
			return oldRow;
		}));
		assertThat(loadedOldRow.await(10, TimeUnit.SECONDS)).isTrue();
		// 2. the writer commits (not needed here: the row is a stand-in) and evicts
		products.evict(71L);
		evicted.countDown();

		assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(oldRow);
		assertThat(this.redis.opsForValue().get(this.keyPrefix + "products:{71}")).as("the old row was not put back")
			.isNull();
		assertThat(products.local().getIfPresent("71")).as("nor kept locally").isNull();
	}

	@Test
	void aLoadWithNoWriteInBetweenIsPut() {
		TwoLevelCache products = this.caches.twoLevel(TwoLevelCacheManager.PRODUCTS);
		products.evict(72L);

		products.get(72L, () -> new Product(72, "n", "d", 1, 1, Instant.now(),
				new Product.Ratings(0, null, List.of(0L, 0L, 0L, 0L, 0L))));

		assertThat(this.redis.opsForValue().get(this.keyPrefix + "products:{72}")).contains("\"id\":72");
	}

}
