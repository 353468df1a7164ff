package dev.backendbyexample.ratelimiting.web;

import java.math.BigInteger;
import java.security.Principal;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking: the API key if one is sent, else the authenticated user, else the remote
 * address. {@code X-Forwarded-For} is believed only when the request comes from a trusted
 * proxy, since any client can send that header.
 */
final class ClientIdentity {

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

	/**
	 * Only an address literal can be trusted; anything else (a host name, garbage) is
	 * text, parsed without a lookup and never trusted.
	 */
	private boolean isTrusted(String address) {
		IpLiteral literal = IpLiteral.parse(address);
		return literal != null && this.trustedProxies.stream().anyMatch((range) -> range.contains(literal));
	}

	/** An address or a CIDR range, e.g. {@code 10.0.0.0/8}. */
	record Range(BigInteger network, int prefix, int bits) {

		static Range parse(String text) {
			String[] parts = text.strip().split("/", -1);
			IpLiteral address = IpLiteral.parse(parts[0]);
			if (address == null || parts.length > 2) {
				throw new IllegalArgumentException("Not an IP address or CIDR range: " + text);
			}
			int prefix = (parts.length > 1) ? prefixLength(parts[1].strip(), text) : address.bits();
			if (prefix < 0 || prefix > address.bits()) {
				throw new IllegalArgumentException("Prefix length out of range in " + text);
			}
			return new Range(address.value().shiftRight(address.bits() - prefix), prefix, address.bits());
		}

		private static int prefixLength(String digits, String text) {
			if (!digits.matches("[0-9]{1,3}")) {
				throw new IllegalArgumentException("Not a prefix length in " + text);
			}
			return Integer.parseInt(digits);
		}

		boolean contains(IpLiteral address) {
			return address.bits() == this.bits
					&& address.value().shiftRight(this.bits - this.prefix).equals(this.network);
		}

	}

}
