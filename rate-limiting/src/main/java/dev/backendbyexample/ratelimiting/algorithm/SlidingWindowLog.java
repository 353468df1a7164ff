package dev.backendbyexample.ratelimiting.algorithm;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Sliding window log: the timestamp of every permit granted in the last {@code window}; a
 * request is admitted if the log has room. Exact at every instant, at the price of one
 * entry per permit. Mirrors {@code scripts/sliding_window_log.lua}.
 */
final class SlidingWindowLog implements RateLimiter {

	private final ConcurrentMap<String, Log> logs = new ConcurrentHashMap<>();

	private final Limit limit;

	private final InstantSource clock;

	SlidingWindowLog(Limit limit, InstantSource clock) {
		this.limit = limit;
		this.clock = clock;
	}

	@Override
	public Decision tryAcquire(String key, int permits) {
		this.limit.check(permits);
		while (true) {
			Log log = this.logs.computeIfAbsent(key, (k) -> new Log());
			// A lock per key, not compare-and-set: copying a log of up to "limit" entries
			// on every decision would cost more than the rare contention on one key.
			synchronized (log) {
				if (!log.evicted) {
					// Read under the lock, so entries are appended in time
					// order: trimming from the head and the retry-after
					// computation rely on it.
					return decide(log.times, CasRateLimiter.micros(this.clock.instant()), permits);
				}
			}
			this.logs.remove(key, log); // evicted under our feet: start a fresh log
		}
	}

	@Override
	public int evictIdle() {
		long now = CasRateLimiter.micros(this.clock.instant());
		int evicted = 0;
		for (Map.Entry<String, Log> entry : this.logs.entrySet()) {
			Log log = entry.getValue();
			synchronized (log) {
				trim(log.times, now);
				if (log.times.isEmpty()) {
					log.evicted = true;
					this.logs.remove(entry.getKey(), log);
					evicted++;
				}
			}
		}
		return evicted;
	}

	private void trim(ArrayDeque<Long> log, long now) {
		while (!log.isEmpty() && log.peekFirst() <= now - this.limit.windowMicros()) {
			log.pollFirst();
		}
	}

	private Decision decide(ArrayDeque<Long> log, long now, int permits) {
		long size = this.limit.windowMicros();
		trim(log, now);
		if (log.size() + permits <= this.limit.permits()) {
			for (int i = 0; i < permits; i++) {
				log.addLast(now);
			}
			return Decision.allow(this.limit.permits() - log.size(), log.peekLast() + size - now, 0);
		}
		// The request fits once the oldest (size + permits - limit) entries have expired.
		long mustExpire = log.size() + permits - this.limit.permits();
		Iterator<Long> oldest = log.iterator();
		long last = 0;
		for (long i = 0; i < mustExpire; i++) {
			last = oldest.next();
		}
		return Decision.reject(this.limit.permits() - log.size(), log.peekLast() + size - now,
				Math.max(1, last + size - now));
	}

	@Override
	public Algorithm algorithm() {
		return Algorithm.SLIDING_WINDOW_LOG;
	}

	@Override
	public Limit limit() {
		return this.limit;
	}

	/** One client's log; {@code evicted} once it has left the map. */
	private static final class Log {

		final ArrayDeque<Long> times = new ArrayDeque<>();

		boolean evicted;

	}

}
