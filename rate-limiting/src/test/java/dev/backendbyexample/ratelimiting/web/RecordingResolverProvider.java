package dev.backendbyexample.ratelimiting.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The JVM's name resolver for the tests (installed through
 * {@code META-INF/services/java.net.spi.InetAddressResolverProvider}): it writes down
 * every host name a watched thread asks to resolve, then asks the JDK's own resolver, so
 * a test can prove that code it runs looked nothing up. Other tests in the same JVM (HTTP
 * clients resolving {@code localhost}) are not watched and cannot muddle it.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {

	private static final ThreadLocal<@Nullable List<String>> watched = new ThreadLocal<>();

	/**
	 * The names looked up on this thread while {@code action} ran. The JDK caches answers
	 * (30 s for a found name, 10 s for a missing one), so a name resolved shortly before
	 * is answered from the cache, not here: watch names no one else uses.
	 */
	static List<String> lookupsDuring(Runnable action) {
		List<String> names = new CopyOnWriteArrayList<>();
		watched.set(names);
		try {
			action.run();
		}
		finally {
			watched.remove();
		}
		return List.copyOf(names);
	}

	@Override
	public InetAddressResolver get(Configuration configuration) {
		InetAddressResolver builtin = configuration.builtinResolver();
		return new InetAddressResolver() {

			@Override
			public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
				List<String> names = watched.get();
				if (names != null) {
					names.add(host);
				}
				return builtin.lookupByName(host, policy);
			}

			@Override
			public String lookupByAddress(byte[] address) throws UnknownHostException {
				return builtin.lookupByAddress(address);
			}

		};
	}

	@Override
	public String name() {
		return "recording";
	}

}
