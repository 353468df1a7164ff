package dev.backendbyexample.ratelimiting.web;

import java.math.BigInteger;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address written as a literal, parsed by hand: no {@code InetAddress},
 * so a host name can never cause a DNS lookup. A header a client writes
 * ({@code dead.beef}, {@code localhost}) is text, never a name to resolve.
 *
 * @param value the address as an unsigned number
 * @param bits 32 for IPv4, 128 for IPv6
 */
record IpLiteral(BigInteger value, int bits) {

	private static final BigInteger IPV4_MAPPED = BigInteger.valueOf(0xffffL).shiftLeft(32);

	private static final BigInteger LOW_32_BITS = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);

	/**
	 * The address, or {@code null} if the text is not exactly an IPv4 dotted quad
	 * ({@code 192.0.2.1}, decimal, no leading zeros) or an IPv6 address
	 * ({@code 2001:db8::1}, optionally in brackets, optionally ending in a dotted quad;
	 * no zone). An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4
	 * address, as the JDK reads it.
	 */
	static @Nullable IpLiteral parse(String text) {
		String literal = text.strip();
		if (literal.startsWith("[") && literal.endsWith("]")) {
			BigInteger v6 = ipv6(literal.substring(1, literal.length() - 1));
			return (v6 != null) ? ofIpv6(v6) : null;
		}
		if (literal.indexOf(':') >= 0) {
			BigInteger v6 = ipv6(literal);
			return (v6 != null) ? ofIpv6(v6) : null;
		}
		Long v4 = ipv4(literal);
		return (v4 != null) ? new IpLiteral(BigInteger.valueOf(v4), 32) : null;
	}

	private static IpLiteral ofIpv6(BigInteger value) {
		if (value.shiftRight(32).equals(IPV4_MAPPED.shiftRight(32))) {
			return new IpLiteral(value.and(LOW_32_BITS), 32);
		}
		return new IpLiteral(value, 128);
	}

	private static @Nullable Long ipv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		long value = 0;
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
				return null;
			}
			int octet = 0;
			for (int i = 0; i < part.length(); i++) {
				char c = part.charAt(i);
				if (c < '0' || c > '9') {
					return null;
				}
				octet = octet * 10 + (c - '0');
			}
			if (octet > 255) {
				return null;
			}
			value = (value << 8) | octet;
		}
		return value;
	}

	private static @Nullable BigInteger ipv6(String text) {
		int compression = text.indexOf("::");
		if (compression != text.lastIndexOf("::")) {
			return null;
		}
		if (compression >= 0 && text.substring(0, compression).indexOf('.') >= 0) {
			return null; // a dotted quad may only end the address
		}
		String head = (compression >= 0) ? text.substring(0, compression) : text;
		String tail = (compression >= 0) ? text.substring(compression + 2) : "";
		int[] headGroups = groups(head);
		int[] tailGroups = groups(tail);
		if (headGroups == null || tailGroups == null) {
			return null;
		}
		int written = headGroups.length + tailGroups.length;
		if ((compression < 0 && written != 8) || (compression >= 0 && written > 7)) {
			return null;
		}
		BigInteger value = BigInteger.ZERO;
		for (int group : headGroups) {
			value = value.shiftLeft(16).or(BigInteger.valueOf(group));
		}
		value = value.shiftLeft(16 * (8 - written));
		for (int group : tailGroups) {
			value = value.shiftLeft(16).or(BigInteger.valueOf(group));
		}
		return value;
	}

	/**
	 * The 16-bit groups of one side of {@code ::}; a dotted quad at the end counts as
	 * two.
	 */
	private static int @Nullable [] groups(String side) {
		if (side.isEmpty()) {
			return new int[0];
		}
		String[] parts = side.split(":", -1);
		Long trailingIpv4 = null;
		int hexParts = parts.length;
		if (parts[parts.length - 1].indexOf('.') >= 0) {
			trailingIpv4 = ipv4(parts[parts.length - 1]);
			if (trailingIpv4 == null) {
				return null;
			}
			hexParts--;
		}
		int[] groups = new int[hexParts + ((trailingIpv4 != null) ? 2 : 0)];
		for (int i = 0; i < hexParts; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 4) {
				return null;
			}
			int group = 0;
			for (int j = 0; j < part.length(); j++) {
				int digit = Character.digit(part.charAt(j), 16);
				if (digit < 0 || part.charAt(j) > 'f') {
					return null;
				}
				group = group * 16 + digit;
			}
			groups[i] = group;
		}
		if (trailingIpv4 != null) {
			groups[hexParts] = (int) (trailingIpv4 >>> 16);
			groups[hexParts + 1] = (int) (trailingIpv4 & 0xffff);
		}
		return groups;
	}

}
