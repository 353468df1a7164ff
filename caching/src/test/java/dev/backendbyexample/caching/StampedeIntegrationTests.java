package dev.backendbyexample.caching;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 concurrent readers of one cold key in one instance. Every load is held until all
 * 200 have arrived, so they are truly concurrent with it: unprotected, the readers that
 * miss all load; with {@code sync = true} exactly one does.
 */
@CachingIntegrationTest
class StampedeIntegrationTests {

	static final int READERS = 200;

	@LocalServerPort
	int port;

	@Test
	void unprotectedReadersLoadManyTimes() {
		StampedeResult result = stampede(31, "none");

		assertThat(result.loads()).isGreaterThan(1);
	}

	@Test
	void syncTrueLoadsOncePerInstance() {
		assertThat(stampede(32, "per-instance").loads()).isEqualTo(1);
	}

	@Test
	void leaseLoadsOnceToo() {
		assertThat(stampede(33, "fleet").loads()).isEqualTo(1);
	}

	@Test
	void aSecondRunEvictsFirstSoItLoadsAgain() {
		stampede(34, "per-instance");

		assertThat(stampede(34, "per-instance").loads()).isEqualTo(1);
	}

	private StampedeResult stampede(long productId, String protection) {
		RestClient api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		return api.post()
			.uri("/stampedes")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"productId\":" + productId + ",\"readers\":" + READERS + ",\"protection\":\"" + protection + "\"}")
			.retrieve()
			.body(StampedeResult.class);
	}

}
