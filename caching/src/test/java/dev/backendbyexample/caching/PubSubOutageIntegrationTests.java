package dev.backendbyexample.caching;

import java.time.Duration;
import java.util.List;

import dev.backendbyexample.testsupport.net.TcpProxy;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static dev.backendbyexample.caching.TwoInstancesIntegrationTests.get;
import static dev.backendbyexample.caching.TwoInstancesIntegrationTests.localCopy;
import static dev.backendbyexample.caching.TwoInstancesIntegrationTests.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pub/sub delivers at most once: while B's subscription is down, A's invalidations are
 * lost for B. So B drops its local level when the connection drops and keeps it off until
 * it is back, and starts it empty: B never serves the copy A's write made stale. B's
 * Redis runs through a proxy the test cuts (commands too, so B's reads meanwhile come
 * from PostgreSQL).
 */
class PubSubOutageIntegrationTests {

	@Test
	void whileBsSubscriptionIsDownItsLocalLevelIsOffSoAWriteOnAIsNotMissed() {
		try (TcpProxy proxy = TcpProxy.start()) {
			// the proxy forwards to the real Redis, which A's harness found
			try (Fleet fleet = Fleet.start(List.of(), (a) -> {
				proxy.to(Fleet.redis(a).getHost(), Fleet.redis(a).getPort());
				return List.of("--caching.redis.host=127.0.0.1", "--caching.redis.port=" + proxy.port());
			})) {
				Invalidations bInvalidations = fleet.b().getBean(Invalidations.class);
				RestClient a = fleet.httpA();
				RestClient b = fleet.httpB();
				await().atMost(Duration.ofSeconds(10)).until(bInvalidations::subscribed);
				ResponseEntity<String> read = get(b, 51);
				assertThat(get(b, 51).getHeaders().getFirst("X-Cache")).isEqualTo("local");

				proxy.cut();
				await().atMost(Duration.ofSeconds(10)).until(() -> !bInvalidations.subscribed());
				assertThat(localCopy(fleet.b(), 51)).as("dropped with the connection").isNull();

				// B cannot hear this one
				put(a, 51, read.getHeaders().getETag(), "Written while B was deaf");
				ResponseEntity<String> during = get(b, 51);
				assertThat(during.getStatusCode().value()).isEqualTo(200);
				assertThat(during.getBody()).contains("Written while B was deaf");
				assertThat(during.getHeaders().getFirst("X-Cache")).as("from PostgreSQL").isEqualTo("miss");

				proxy.restore();
				await().atMost(Duration.ofSeconds(20)).until(bInvalidations::subscribed);
				assertThat(get(b, 51).getBody()).contains("Written while B was deaf");
				assertThat(get(b, 51).getHeaders().getFirst("X-Cache")).isEqualTo("local");
			}
		}
	}

}
