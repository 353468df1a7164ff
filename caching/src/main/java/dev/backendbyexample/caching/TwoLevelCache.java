package dev.backendbyexample.caching;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import com.github.benmanes.caffeine.cache.Cache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;
import org.springframework.dao.DataAccessException;

/**
 * A Spring {@link org.springframework.cache.Cache} in two levels: this instance's
 * Caffeine cache in front of Redis, which every instance shares.
 * <ul>
 * <li>Reads try the local level, then Redis, then (for {@code @Cacheable(sync = true)})
 * load: once per instance (one loader per key, the others wait for it) and, with a lease,
 * once per fleet ({@code SET NX PX}: the instance holding the lease loads, the others
 * wait for its value on Redis).</li>
 * <li>Writes evict: from Redis, with an invalidation counter that stops a slower loader
 * from putting the old value back, and from every instance's local level over
 * pub/sub.</li>
 * <li>Redis failing is a miss, never an error: reads fall through to the database, and an
 * eviction that could not reach Redis is retried, while reads of that key bypass the
 * cache.</li>
 * </ul>
 */
final class TwoLevelCache extends AbstractValueAdaptingCache {

	private static final Log logger = LogFactory.getLog(TwoLevelCache.class);

	private final String name;

	private final Class<?> type;

	private final @Nullable Cache<String, Object> local;

	private final RedisLevel redis;

	private final Invalidations invalidations;

	private final JsonMapper json;

	private final CachingProperties settings;

	private final boolean leased;

	private final CacheMeters meters;

	private final ConcurrentMap<String, CompletableFuture<Object>> loading = new ConcurrentHashMap<>();

	private final Set<String> pendingEvictions = ConcurrentHashMap.newKeySet();

	TwoLevelCache(String name, Class<?> type, @Nullable Cache<String, Object> local, RedisLevel redis,
			Invalidations invalidations, JsonMapper json, CachingProperties settings, boolean leased,
			CacheMeters meters) {
		super(true);
		this.name = name;
		this.type = type;
		this.local = local;
		this.redis = redis;
		this.invalidations = invalidations;
		this.json = json;
		this.settings = settings;
		this.leased = leased;
		this.meters = meters;
		invalidations.register(this);
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Object getNativeCache() {
		return this.redis;
	}

	/** The local level, if this instance has one (for the caches endpoint and tests). */
	@Nullable Cache<String, Object> local() {
		return this.local;
	}

	boolean leased() {
		return this.leased;
	}

	@Override
	protected @Nullable Object lookup(Object key) {
		String k = key.toString();
		if (this.pendingEvictions.contains(k)) {
			// Redis may still hold what a write replaced: ask the database.
			return null;
		}
		Object found = localGet(k);
		if (found != null) {
			return found;
		}
		long stamp = this.invalidations.stamp();
		String json = redisValue(k);
		if (json == null) {
			return null;
		}
		Object value = fromJson(json);
		if (value != null) {
			this.meters.redisHits.increment();
			CacheLevel.served(CacheLevel.REDIS);
			localPut(k, value, stamp);
		}
		return value;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T get(Object key, Callable<T> valueLoader) {
		ValueWrapper cached = get(key);
		if (cached != null) {
			return (T) cached.get();
		}
		String k = key.toString();
		// One loader per key in this instance; the others wait for its value.
		CompletableFuture<Object> mine = new CompletableFuture<>();
		CompletableFuture<Object> running = this.loading.putIfAbsent(k, mine);
		CacheLevel.served(CacheLevel.MISS);
		if (running != null) {
			return (T) fromStoreValue(join(running));
		}
		try {
			Object value = loadOnce(k, valueLoader);
			mine.complete(value);
			return (T) fromStoreValue(value);
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loading.remove(k, mine);
		}
	}

	/**
	 * The one load of this instance: looks once more (a load may have finished between
	 * our miss and our turn), takes the fleet's lease if this cache has one, and loads.
	 */
	private Object loadOnce(String k, Callable<?> valueLoader) {
		long stamp = this.invalidations.stamp();
		if (this.pendingEvictions.contains(k)) {
			return load(k, valueLoader);
		}
		RedisLevel.Read read = redisRead(k);
		Object cached = (read != null && read.json() != null) ? fromJson(read.json()) : null;
		if (cached != null) {
			localPut(k, cached, stamp);
			return cached;
		}
		if (read == null) {
			// Redis is down: the database answers, nothing is stored.
			return load(k, valueLoader);
		}
		String token = null;
		if (this.leased) {
			token = UUID.randomUUID().toString();
			Object theirs = leaseOrWait(k, token);
			if (theirs != null) {
				localPut(k, theirs, stamp);
				return theirs;
			}
			// We hold the lease (or waited it out): read again, for the counter to put
			// with.
			read = redisRead(k);
			if (read != null && read.json() != null && fromJson(read.json()) instanceof Object found) {
				release(k, token);
				localPut(k, found, stamp);
				return found;
			}
		}
		try {
			Object value = load(k, valueLoader);
			if (read != null) {
				redisPutLoaded(k, value, read);
			}
			localPut(k, value, stamp);
			return value;
		}
		finally {
			if (token != null) {
				release(k, token);
			}
		}
	}

	/**
	 * Takes the lease, or waits for the holder's value. Returns the value another
	 * instance loaded, or {@code null} once this loader holds the lease or has waited
	 * long enough (the holder died or is too slow: better a second load than no answer).
	 */
	private @Nullable Object leaseOrWait(String k, String token) {
		long deadline = System.nanoTime() + this.settings.lease().maxWait().toNanos();
		long pause = Duration.ofMillis(1).toNanos();
		try {
			while (!this.redis.tryLease(this.name, k, token, this.settings.lease().timeToLive())) {
				RedisLevel.Read read = this.redis.read(this.name, k);
				if (read.json() != null && fromJson(read.json()) instanceof Object theirs) {
					this.meters.redisHits.increment();
					return theirs;
				}
				if (System.nanoTime() > deadline) {
					return null;
				}
				LockSupport.parkNanos(pause);
				pause = Math.min(pause * 2, Duration.ofMillis(20).toNanos());
			}
			return null;
		}
		catch (DataAccessException ex) {
			redisFailed("lease", ex);
			return null;
		}
	}

	private Object load(String k, Callable<?> valueLoader) {
		this.meters.loads.increment();
		try {
			return toStoreValue(valueLoader.call());
		}
		catch (Exception ex) {
			throw new ValueRetrievalException(k, valueLoader, ex);
		}
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		String k = key.toString();
		Object stored = toStoreValue(value);
		try {
			this.redis.put(this.name, k, toJson(stored), ttl(stored), this.invalidations.message(this.name, k));
			dropLocalAfterWrite(k);
			localPut(k, stored, this.invalidations.stamp());
		}
		catch (DataAccessException ex) {
			redisFailed("put", ex);
			evictLater(k);
			dropLocalAfterWrite(k);
		}
	}

	/**
	 * Evicts after the write committed: first from Redis (the entry, and a bump of its
	 * invalidation counter, and the message to the other instances, in one script), then
	 * from this instance's local level. In that order, a reader of this instance that
	 * fetched the old value from Redis just before cannot keep it locally: its put either
	 * comes before our drop or sees the stamp moved.
	 */
	@Override
	public void evict(Object key) {
		String k = key.toString();
		this.meters.writeEvictions.increment();
		try {
			this.redis.evict(this.name, k, this.invalidations.message(this.name, k));
		}
		catch (DataAccessException ex) {
			// Only this instance knows the eviction is pending, so only its reads
			// bypass the key. Other instances may serve the old value (from Redis, or
			// their local copy: no invalidation was published either) until the retry
			// succeeds, or up to the entry's TTL if it never does (this instance
			// stopped meanwhile).
			redisFailed("evict", ex);
			evictLater(k);
		}
		dropLocalAfterWrite(k);
	}

	private void dropLocalAfterWrite(String k) {
		this.invalidations.bump();
		localDrop(k);
	}

	@Override
	public void clear() {
		localDrop(null);
		try {
			this.redis.clear(this.name, this.invalidations.message(this.name, null));
		}
		catch (DataAccessException ex) {
			redisFailed("clear", ex);
		}
	}

	/**
	 * Retries the evictions Redis could not take. Until one succeeds, this instance's
	 * reads of that key bypass the cache: Redis may still hold the value the write
	 * replaced (other instances do not know, and may serve it meanwhile).
	 */
	void retryPendingEvictions() {
		// exercise:begin pending-evictions
		for (String k : this.pendingEvictions) {
			try {
				this.redis.evict(this.name, k, this.invalidations.message(this.name, k));
				this.pendingEvictions.remove(k);
			}
			catch (DataAccessException ex) {
				return;
			}
		}
		// exercise:end pending-evictions
	}

	int pendingEvictions() {
		return this.pendingEvictions.size();
	}

	/**
	 * Drops the local copy of one key ({@code null}: of all keys), as another instance
	 * asked.
	 */
	void dropLocal(@Nullable String key) {
		if (this.local == null) {
			return;
		}
		if (key == null) {
			this.local.invalidateAll();
		}
		else if (this.local.asMap().remove(key) != null) {
			this.meters.invalidationEvictions.increment();
		}
	}

	private void evictLater(String k) {
		this.pendingEvictions.add(k);
	}

	private @Nullable Object localGet(String k) {
		if (this.local == null || !this.invalidations.subscribed()) {
			return null;
		}
		Object value = this.local.getIfPresent(k);
		if (value != null) {
			this.meters.localHits.increment();
			CacheLevel.served(CacheLevel.LOCAL);
			return value;
		}
		this.meters.localMisses.increment();
		return null;
	}

	/**
	 * Stores a value locally unless an invalidation was heard since the reader took
	 * {@code stamp}: then the value may be the one the invalidation was about. Put first,
	 * check after: whichever way the invalidation interleaves, the copy does not survive
	 * it.
	 */
	private void localPut(String k, Object value, long stamp) {
		if (this.local == null || !this.invalidations.subscribed()) {
			return;
		}
		this.local.put(k, value);
		if (this.invalidations.stamp() != stamp || !this.invalidations.subscribed()) {
			this.local.asMap().remove(k, value);
		}
	}

	private void localDrop(@Nullable String k) {
		if (this.local != null) {
			if (k == null) {
				this.local.invalidateAll();
			}
			else {
				this.local.invalidate(k);
			}
		}
	}

	/** The entry on Redis; {@code null} if there is none or Redis cannot answer. */
	private @Nullable String redisValue(String k) {
		try {
			String json = this.redis.value(this.name, k);
			if (json == null) {
				this.meters.redisMisses.increment();
			}
			return json;
		}
		catch (DataAccessException ex) {
			redisFailed("read", ex);
			return null;
		}
	}

	/** Reads Redis; {@code null} if Redis cannot answer (a miss, not an error). */
	private RedisLevel.@Nullable Read redisRead(String k) {
		try {
			RedisLevel.Read read = this.redis.read(this.name, k);
			if (read.json() == null) {
				this.meters.redisMisses.increment();
			}
			return read;
		}
		catch (DataAccessException ex) {
			redisFailed("read", ex);
			return null;
		}
	}

	private void redisPutLoaded(String k, Object value, RedisLevel.Read read) {
		try {
			if (!this.redis.putUnlessInvalidated(this.name, k, toJson(value), read, ttl(value))) {
				this.meters.putsRefused.increment();
			}
		}
		catch (DataAccessException ex) {
			redisFailed("put", ex);
		}
	}

	private void release(String k, String token) {
		try {
			this.redis.releaseLease(this.name, k, token);
		}
		catch (DataAccessException ex) {
			// it expires by itself
			redisFailed("release", ex);
		}
	}

	private void redisFailed(String operation, DataAccessException ex) {
		this.meters.redisFailures.increment();
		if (logger.isDebugEnabled()) {
			logger.debug("Redis could not " + operation + " in cache " + this.name + ": " + ex.getMessage());
		}
	}

	/**
	 * TTL with jitter, so entries written together do not expire (and reload) together.
	 */
	private Duration ttl(Object stored) {
		CachingProperties.Ttl ttl = this.settings.ttl();
		Duration base = (stored == NullValue.INSTANCE) ? ttl.notFound() : ttl.found();
		double factor = 1 + ThreadLocalRandom.current().nextDouble(-ttl.jitter(), ttl.jitter() + Double.MIN_VALUE);
		return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
	}

	private String toJson(Object stored) {
		return (stored == NullValue.INSTANCE) ? "null" : this.json.writeValueAsString(stored);
	}

	/**
	 * The value of a JSON entry, or {@code null} if it does not read as this cache's type
	 * (written by an older version of the application, say): a miss, and the next load
	 * overwrites it.
	 */
	private @Nullable Object fromJson(String text) {
		if (text.equals("null")) {
			return NullValue.INSTANCE;
		}
		try {
			return this.json.readValue(text, this.type);
		}
		catch (RuntimeException ex) {
			logger.warn("Unreadable entry in cache " + this.name + ", treated as a miss: " + ex.getMessage());
			return null;
		}
	}

	private static Object join(CompletableFuture<Object> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

}
