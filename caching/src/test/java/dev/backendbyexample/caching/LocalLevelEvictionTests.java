package dev.backendbyexample.caching;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local level's eviction, W-TinyLFU, against plain LRU on the same trace: 100 hot
 * keys read often, then a scan of 10,000 keys read once (a batch job, a crawler). LRU
 * evicts the hot keys to make room for the scan; W-TinyLFU refuses most one-off keys
 * because they are read less often than what they would displace.
 */
class LocalLevelEvictionTests {

	static final int SIZE = 1_000;

	@Test
	void wTinyLfuKeepsTheHotKeysThroughAScanLruLosesThem() {
		Cache<String, Object> caffeine = TwoLevelCacheManager.localLevel(SIZE).executor(Runnable::run).build();
		Map<String, Object> lru = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
				return size() > SIZE;
			}
		};

		// a full cache first: Caffeine keeps no frequencies while it is mostly empty
		for (int warm = 0; warm < SIZE; warm++) {
			read(caffeine, lru, "warm-" + warm);
		}
		for (int round = 0; round < 20; round++) {
			for (int hot = 0; hot < 100; hot++) {
				read(caffeine, lru, "hot-" + hot);
			}
		}
		for (int scan = 0; scan < 10_000; scan++) {
			read(caffeine, lru, "scan-" + scan);
		}
		caffeine.cleanUp();

		long hotInCaffeine = countHot(caffeine.asMap());
		long hotInLru = countHot(lru);
		assertThat(hotInLru).isZero();
		assertThat(hotInCaffeine).isEqualTo(100);
		assertThat(caffeine.estimatedSize()).isLessThanOrEqualTo(SIZE);
	}

	private static void read(Cache<String, Object> caffeine, Map<String, Object> lru, String key) {
		if (caffeine.getIfPresent(key) == null) {
			caffeine.put(key, key);
		}
		lru.computeIfAbsent(key, (k) -> k);
	}

	private static long countHot(Map<String, Object> map) {
		return map.keySet().stream().filter((key) -> key.startsWith("hot-")).count();
	}

}
