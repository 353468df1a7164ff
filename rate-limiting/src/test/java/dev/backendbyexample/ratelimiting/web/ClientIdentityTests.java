package dev.backendbyexample.ratelimiting.web;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Who a request is counted against.
 */
class ClientIdentityTests {

	private final ClientIdentity identity = new ClientIdentity("X-API-Key", List.of("10.0.0.0/8", "192.168.1.7"));

	@Test
	void apiKeyWinsOverUserAndAddress() {
		MockHttpServletRequest request = request("203.0.113.9");
		request.addHeader("X-API-Key", "k-123");
		request.setUserPrincipal(() -> "alice");
		assertThat(this.identity.of(request)).isEqualTo("key:k-123");
	}

	@Test
	void authenticatedUserWinsOverAddress() {
		MockHttpServletRequest request = request("203.0.113.9");
		request.setUserPrincipal(() -> "alice");
		assertThat(this.identity.of(request)).isEqualTo("user:alice");
	}

	@Test
	void forwardedForFromAnUntrustedPeerIsIgnored() {
		MockHttpServletRequest request = request("203.0.113.9");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		assertThat(this.identity.of(request)).isEqualTo("ip:203.0.113.9");
	}

	@Test
	void forwardedForFromATrustedProxyNamesTheFirstUntrustedHop() {
		MockHttpServletRequest request = request("10.1.2.3");
		// the client claims to be 1.1.1.1, the edge proxy saw 198.51.100.1, the inner
		// proxy 192.168.1.7 is ours
		request.addHeader("X-Forwarded-For", "1.1.1.1, 198.51.100.1, 192.168.1.7");
		assertThat(this.identity.of(request)).isEqualTo("ip:198.51.100.1");
	}

	@Test
	void forwardedForSplitOverSeveralLinesIsReadAsOneList() {
		MockHttpServletRequest request = request("10.1.2.3");
		// the client's own line first, then the line our proxy appended
		request.addHeader("X-Forwarded-For", "1.1.1.1");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		assertThat(this.identity.of(request)).isEqualTo("ip:198.51.100.1");
	}

	@Test
	void prefixLengthBeyondTheAddressIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientIdentity("X-API-Key", List.of("10.0.0.0/33")));
	}

	/**
	 * Names that look like addresses to a lax pattern ({@code dead.beef} is all hex
	 * digits and dots) are text: the first untrusted hop, never trusted (not even when
	 * they would resolve into a trusted range, as {@code localhost} would), never looked
	 * up. The JVM's resolver in these tests writes down every lookup this thread makes
	 * ({@link RecordingResolverProvider}), so a lookup anywhere in this path fails here.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "dead.beef", "cafe.babe.add", "localhost", "example.com", "::ffff:dead.beef",
			"10.0.0.1.example.com", "1.2.3.4%eth0", "fe80::1%lo" })
	void hostNamesInForwardedForAreTextNeverTrustedNorLookedUp(String name) {
		ClientIdentity behindLoopbackProxy = new ClientIdentity("X-API-Key", List.of("127.0.0.0/8", "::1"));
		List<String> lookups = RecordingResolverProvider.lookupsDuring(() -> {
			MockHttpServletRequest request = request("10.1.2.3");
			request.addHeader("X-Forwarded-For", "198.51.100.1, " + name);
			assertThat(this.identity.of(request)).isEqualTo("ip:" + name);
			assertThat(this.identity.of(request(name))).isEqualTo("ip:" + name);
			assertThat(behindLoopbackProxy.clientAddress(name, "198.51.100.1")).isEqualTo(name);
			assertThatIllegalArgumentException().isThrownBy(() -> new ClientIdentity("X-API-Key", List.of(name)));
		});
		assertThat(lookups).isEmpty();
	}

	/** The recorder sees lookups, so the test above can fail. */
	@Test
	void aLookupIsRecorded() {
		String name = "bbe-" + UUID.randomUUID() + ".invalid";
		List<String> lookups = RecordingResolverProvider
			.lookupsDuring(() -> assertThatExceptionOfType(UnknownHostException.class)
				.isThrownBy(() -> InetAddress.getByName(name)));
		assertThat(lookups).containsExactly(name);
	}

	@Test
	void addressLiteralsAreParsedAsTheJdkParsesThem() throws Exception {
		for (String literal : List.of("0.0.0.0", "192.0.2.1", "255.255.255.255", "::", "::1", "2001:db8::1",
				"2001:DB8:0:0:8:800:200C:417A", "1:2:3:4:5:6:7:8", "1::", "::ffff:192.0.2.1", "64:ff9b::192.0.2.1",
				"[2001:db8::2]", "fe80::1:2:3:4")) {
			// getByName on a literal never resolves: it is the reference to compare with.
			byte[] jdk = InetAddress.getByName(literal).getAddress();
			IpLiteral parsed = IpLiteral.parse(literal);
			assertThat(parsed).as(literal).isNotNull();
			assertThat(parsed.bits()).as(literal).isEqualTo(jdk.length * 8);
			assertThat(parsed.value()).as(literal).isEqualTo(new BigInteger(1, jdk));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..3.4", " ",
			"1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:", "12345::", "g::1", "1.2.3.4::", "::1.2.3",
			"[::1", "\u0661.2.3.4", "\uff11::" })
	void anythingElseIsNotAnAddress(String text) {
		assertThat(IpLiteral.parse(text)).isNull();
	}

	@Test
	void trustedRangesMatchByPrefixAndFamily() {
		ClientIdentity v6 = new ClientIdentity("X-API-Key", List.of("2001:db8::/32", "10.0.0.0/8"));
		assertThat(v6.clientAddress("2001:db8:ffff::1", "198.51.100.1")).isEqualTo("198.51.100.1");
		assertThat(v6.clientAddress("2001:db9::1", "198.51.100.1")).isEqualTo("2001:db9::1");
		assertThat(v6.clientAddress("::ffff:10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
		assertThat(v6.clientAddress("::a01:203", "198.51.100.1")).as("IPv4-compatible is IPv6").isEqualTo("::a01:203");
	}

	private static MockHttpServletRequest request(String remoteAddress) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/token-bucket");
		request.setRemoteAddr(remoteAddress);
		return request;
	}

}
