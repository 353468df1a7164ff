package dev.backendbyexample.ratelimiting.algorithm;

/**
 * Decides whether a client, identified by a key, may spend some permits now.
 */
public interface RateLimiter {

	/**
	 * Takes {@code permits} from the key's allowance if they are all available, else
	 * takes nothing.
	 * @param key who is asking (an API key, a user, an address)
	 * @param permits how many, at least one and at most the limit
	 * @return the decision, with what is left and when to come back
	 */
	Decision tryAcquire(String key, int permits);

	default Decision tryAcquire(String key) {
		return tryAcquire(key, 1);
	}

	/**
	 * Forgets the clients whose allowance is back to full, so idle clients cost no
	 * memory. Redis needs no help: its keys carry a TTL.
	 * @return how many clients were forgotten
	 */
	default int evictIdle() {
		return 0;
	}

	Algorithm algorithm();

	Limit limit();

}
