package dev.backendbyexample.ratelimiting.web;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking: the API key if one is sent, else the authenticated user, else the remote
 * address. {@code X-Forwarded-For} is believed only when the request comes from a trusted
 * proxy, since any client can send that header.
 */
final class ClientIdentity {

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

	private final String apiKeyHeader;

	private final List<Range> trustedProxies;

	ClientIdentity(String apiKeyHeader, List<String> trustedProxies) {
		this.apiKeyHeader = apiKeyHeader;
		this.trustedProxies = trustedProxies.stream().map(Range::parse).toList();
	}

	String of(HttpServletRequest request) {
		String apiKey = request.getHeader(this.apiKeyHeader);
		// Taken as sent: nothing here checks the key, so a client inventing one per
		// request would get a fresh allowance each time. Behind real authentication
		// only keys that passed it reach this point.
		if (apiKey != null && !apiKey.isBlank()) {
			return "key:" + apiKey.strip();
		}
		Principal user = request.getUserPrincipal();
		if (user != null) {
			return "user:" + user.getName();
		}
		return "ip:" + clientAddress(request.getRemoteAddr(), forwardedFor(request));
	}

	/**
	 * Every {@code X-Forwarded-For} line, joined: a proxy may append its hop as a new
	 * line rather than to the existing one, and reading only the first line would then
	 * read only what the client wrote.
	 */
	private static @Nullable String forwardedFor(HttpServletRequest request) {
		List<String> lines = Collections.list(request.getHeaders("X-Forwarded-For"));
		return lines.isEmpty() ? null : String.join(",", lines);
	}

	/**
	 * Walks {@code X-Forwarded-For} from the right (the hop nearest us) while the hop is
	 * a trusted proxy; the first untrusted address is the client. The left part is
	 * whatever the client claimed and is never believed on its own.
	 */
	String clientAddress(String remoteAddress, @Nullable String forwardedFor) {
		if (forwardedFor == null || !isTrusted(remoteAddress)) {
			return remoteAddress;
		}
		return rightmostUntrusted(forwardedFor.split(","), remoteAddress);
	}

	/**
	 * The hops as a trusted proxy handed them to us, nearest last: the rightmost one we
	 * do not trust, or the leftmost if every hop is trusted.
	 */
	private String rightmostUntrusted(String[] hops, String remoteAddress) {
		// exercise:begin client-identity
		String client = remoteAddress;
		for (int i = hops.length - 1; i >= 0; i--) {
			client = hops[i].strip();
			if (!isTrusted(client)) {
				return client;
			}
		}
		return client;
		// exercise:end client-identity
	}

	private boolean isTrusted(String address) {
		BigInteger value = Range.value(address);
		return value != null && this.trustedProxies.stream().anyMatch((range) -> range.contains(value, address));
	}

	/** An address or a CIDR range, e.g. {@code 10.0.0.0/8}. */
	record Range(BigInteger network, int bits, int length) {

		static Range parse(String text) {
			String[] parts = text.strip().split("/");
			BigInteger network = value(parts[0]);
			if (network == null) {
				throw new IllegalArgumentException("Not an IP address or CIDR range: " + text);
			}
			int length = parts[0].contains(":") ? 128 : 32;
			int bits = (parts.length > 1) ? Integer.parseInt(parts[1].strip()) : length;
			if (bits < 0 || bits > length) {
				throw new IllegalArgumentException("Prefix length out of range in " + text);
			}
			return new Range(network.shiftRight(length - bits), bits, length);
		}

		boolean contains(BigInteger address, String text) {
			int addressLength = text.contains(":") ? 128 : 32;
			return addressLength == this.length && address.shiftRight(this.length - this.bits).equals(this.network);
		}

		/** Parses only literals: a host name here must never cause a DNS lookup. */
		static @Nullable BigInteger value(String text) {
			if (!IP_LITERAL.matcher(text).matches()) {
				return null;
			}
			try {
				return new BigInteger(1, InetAddress.getByName(text).getAddress());
			}
			catch (UnknownHostException ex) {
				return null;
			}
		}

	}

}
