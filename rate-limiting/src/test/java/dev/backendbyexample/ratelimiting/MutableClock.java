package dev.backendbyexample.ratelimiting;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves by hand, shared by every thread (and, for Redis, sent with each
 * call instead of reading {@code TIME}).
 */
public final class MutableClock implements InstantSource {

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	/**
	 * A clock at the start of a window of the given size: windows are aligned to the
	 * epoch.
	 */
	public static MutableClock atWindowStart(Duration window) {
		long micros = window.toNanos() / 1000;
		long start = (1_900_000_000_000_000L / micros + 1) * micros;
		return new MutableClock(Instant.EPOCH.plusNanos(start * 1000));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	public void set(Instant instant) {
		this.now.set(instant);
	}

}
