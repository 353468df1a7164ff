package dev.backendbyexample.ratelimiting.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
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

	@Test
	void hostNamesInForwardedForAreNeverResolved() {
		MockHttpServletRequest request = request("10.1.2.3");
		request.addHeader("X-Forwarded-For", "evil.example");
		assertThat(this.identity.of(request)).isEqualTo("ip:evil.example");
	}

	private static MockHttpServletRequest request(String remoteAddress) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/token-bucket");
		request.setRemoteAddr(remoteAddress);
		return request;
	}

}
