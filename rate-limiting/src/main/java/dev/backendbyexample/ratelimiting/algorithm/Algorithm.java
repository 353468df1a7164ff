package dev.backendbyexample.ratelimiting.algorithm;

/**
 * The five classic answers to "how many requests may this client make?".
 */
public enum Algorithm {

	/**
	 * A counter per calendar window; cheap, but admits up to twice the rate across an
	 * edge.
	 */
	FIXED_WINDOW("fixed_window"),

	/** A timestamp per admitted request; exact, but memory grows with the limit. */
	SLIDING_WINDOW_LOG("sliding_window_log"),

	/**
	 * The previous and current window's counters, the previous one weighted by overlap.
	 */
	SLIDING_WINDOW_COUNTER("sliding_window_counter"),

	/** Tokens refill at the rate up to a capacity; a full bucket allows a burst. */
	TOKEN_BUCKET("token_bucket"),

	/**
	 * A queue drained at the rate; a request that fits waits its turn, beyond it is
	 * rejected.
	 */
	LEAKY_BUCKET("leaky_bucket");

	private final String id;

	Algorithm(String id) {
		this.id = id;
	}

	/** Its name in script files, Redis keys and metrics, e.g. {@code token_bucket}. */
	public String id() {
		return this.id;
	}

}
