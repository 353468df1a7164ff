package dev.backendbyexample.ratelimiting.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The JVM's name resolver for the tests (installed through
 * {@code META-INF/services/java.net.spi.InetAddressResolverProvider}): it writes down
 * every host name anything in this JVM asks to resolve, then asks the JDK's own resolver,
 * so a test can prove a name was never looked up.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {

	private static final Set<String> lookedUp = ConcurrentHashMap.newKeySet();

	/** Every name looked up in this JVM so far. */
	static List<String> lookedUp() {
		return List.copyOf(lookedUp);
	}

	@Override
	public InetAddressResolver get(Configuration configuration) {
		InetAddressResolver builtin = configuration.builtinResolver();
		return new InetAddressResolver() {

			@Override
			public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
				lookedUp.add(host);
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
