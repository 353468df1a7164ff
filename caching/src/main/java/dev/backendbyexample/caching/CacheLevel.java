package dev.backendbyexample.caching;

/**
 * Where a cached read was answered from; sent back as the {@code X-Cache} header.
 */
enum CacheLevel {

	/** The instance's own Caffeine level: no network at all. */
	LOCAL,

	/** Redis, shared by every instance: one round trip. */
	REDIS,

	/** Neither: the database was asked (or another reader's load was waited for). */
	MISS;

	String header() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	private static final ThreadLocal<CacheLevel> served = new ThreadLocal<>();

	/** Records, for the current thread, where its last cache read was answered from. */
	static void served(CacheLevel level) {
		served.set(level);
	}

	/** Where the current thread's last cache read was answered from, and forgets it. */
	static CacheLevel takeServed() {
		CacheLevel level = served.get();
		served.remove();
		return (level != null) ? level : MISS;
	}

}
