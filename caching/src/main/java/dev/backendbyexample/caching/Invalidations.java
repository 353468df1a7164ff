package dev.backendbyexample.caching;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * The invalidation bus: every instance subscribes to one Redis channel, and drops its
 * local copy of a key when another instance writes it.
 * <p>
 * Pub/sub delivers at most once: a message sent while this instance's subscription is
 * down is lost for good. So while the subscription is down the local level is not used at
 * all (reads go to Redis), and when it is back the local level starts empty: a local copy
 * is only ever trusted while every invalidation since it was made has been heard.
 * <p>
 * {@link #stamp()} moves on with every invalidation heard and every change of the
 * subscription; a reader that fetched a value from Redis stores it locally only if the
 * stamp did not move meanwhile (see {@link TwoLevelCache}).
 */
final class Invalidations implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Invalidations.class);

	private final String origin = UUID.randomUUID().toString();

	private final RedisClient client;

	private final String channel;

	private final AtomicLong stamp = new AtomicLong();

	private final List<TwoLevelCache> caches = new CopyOnWriteArrayList<>();

	private final List<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();

	private volatile boolean subscribed;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;

	Invalidations(RedisClient client, String channel) {
		this.client = client;
		this.channel = channel;
		client.addListener(new RedisConnectionStateListener() {
			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				lost();
			}
		});
	}

	void register(TwoLevelCache cache) {
		this.caches.add(cache);
	}

	/**
	 * Called with every invalidation this instance hears from another (tests, benchmark).
	 */
	void onInvalidation(Consumer<Invalidation> listener) {
		this.listeners.add(listener);
	}

	/** Whether local copies can be trusted: the subscription is up. */
	boolean subscribed() {
		return this.subscribed;
	}

	long stamp() {
		return this.stamp.get();
	}

	/**
	 * Moves the stamp on: a write of this instance, whose own message it does not hear.
	 */
	void bump() {
		this.stamp.incrementAndGet();
	}

	String message(String cache, @Nullable String key) {
		return this.origin + "|" + System.nanoTime() + "|" + cache + "|" + ((key != null) ? "k|" + key : "all|");
	}

	/**
	 * Subscribes if not subscribed; retried every second, so an instance started while
	 * Redis is down gets its local level once Redis is back. Lettuce itself reconnects
	 * and resubscribes a connection it once had.
	 */
	@Scheduled(initialDelay = 0, fixedDelay = 1000)
	synchronized void subscribe() {
		if (this.connection != null) {
			return;
		}
		try {
			StatefulRedisPubSubConnection<String, String> pubSub = this.client.connectPubSub();
			pubSub.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					heard(message);
				}

				@Override
				public void subscribed(String channel, long count) {
					// Also called when Lettuce resubscribes after a reconnect.
					regained();
				}
			});
			pubSub.sync().subscribe(this.channel);
			this.connection = pubSub;
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot subscribe to " + this.channel + " (" + ex.getMessage()
					+ "): the local cache level stays off until it can");
		}
	}

	private void heard(String message) {
		String[] parts = message.split("\\|", 5);
		if (parts.length < 5 || parts[0].equals(this.origin)) {
			// our own write: its local copy was already dropped by the writer's thread
			return;
		}
		Invalidation invalidation = new Invalidation(parts[2], parts[3].equals("k") ? parts[4] : null,
				Long.parseLong(parts[1]));
		this.stamp.incrementAndGet();
		for (TwoLevelCache cache : this.caches) {
			if (cache.getName().equals(invalidation.cache())) {
				cache.dropLocal(invalidation.key());
			}
		}
		for (Consumer<Invalidation> listener : this.listeners) {
			listener.accept(invalidation);
		}
	}

	private void lost() {
		if (this.subscribed) {
			logger.warn("Lost the subscription to " + this.channel + ": local cache level off until it is back");
		}
		// exercise:begin subscription-lost
		this.subscribed = false;
		this.stamp.incrementAndGet();
		this.caches.forEach((cache) -> cache.dropLocal(null));
		// exercise:end subscription-lost
	}

	private void regained() {
		// Messages sent while we were away are lost: start from an empty local level.
		this.stamp.incrementAndGet();
		this.caches.forEach((cache) -> cache.dropLocal(null));
		this.subscribed = true;
	}

	@Override
	public void close() {
		StatefulRedisPubSubConnection<String, String> pubSub = this.connection;
		this.subscribed = false;
		if (pubSub != null) {
			pubSub.close();
		}
		this.client.shutdown();
	}

	/**
	 * An invalidation heard from another instance.
	 *
	 * @param cache the cache
	 * @param key the key, or {@code null} for the whole cache
	 * @param sentAtNanos {@link System#nanoTime()} at the sender: comparable only within
	 * one JVM (the benchmark runs both instances in one)
	 */
	record Invalidation(String cache, @Nullable String key, long sentAtNanos) {
	}

}
