package dev.backendbyexample.caching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Two instances of the application sharing one database and one Redis namespace, as two
 * pods behind a load balancer would: the second joins the first's namespace.
 *
 * @param a the first instance
 * @param b the second instance
 */
record Fleet(ConfigurableApplicationContext a, ConfigurableApplicationContext b) implements AutoCloseable {

	/**
	 * Starts both; {@code common} goes to both, {@code onlyB} to the second alone (a
	 * proxy in front of its Redis, say).
	 */
	static Fleet start(List<String> common, List<String> onlyB) {
		return start(common, (a) -> onlyB);
	}

	/**
	 * As above, with B's own arguments made once A runs (to point a proxy at its Redis).
	 */
	static Fleet start(List<String> common, Function<ConfigurableApplicationContext, List<String>> onlyB) {
		ConfigurableApplicationContext a = instance(common);
		List<String> bArgs = new ArrayList<>(common);
		bArgs.addAll(onlyB.apply(a));
		bArgs.add("--bbe.namespace=" + a.getEnvironment().getProperty("bbe.namespace"));
		try {
			return new Fleet(a, instance(bArgs));
		}
		catch (RuntimeException ex) {
			a.close();
			throw ex;
		}
	}

	static Fleet start(String... common) {
		return start(Arrays.asList(common), List.of());
	}

	static ConfigurableApplicationContext instance(List<String> args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--" + SmallSeed.PRODUCTS, "--" + SmallSeed.REVIEWS));
		all.addAll(args);
		return SpringApplication.from(CachingApplication::main)
			.with(CachingServices.class)
			.run(all.toArray(String[]::new))
			.getApplicationContext();
	}

	static RestClient http(ConfigurableApplicationContext instance) {
		return OpenApiValidation
			.restClient("http://localhost:" + instance.getEnvironment().getProperty("local.server.port"))
			.build();
	}

	RestClient httpA() {
		return http(this.a);
	}

	RestClient httpB() {
		return http(this.b);
	}

	/** The Redis server itself (not a proxy), as the harness found it. */
	DataRedisConnectionDetails.Standalone redis() {
		return redis(this.a);
	}

	static DataRedisConnectionDetails.Standalone redis(ConfigurableApplicationContext instance) {
		return instance.getBean(DataRedisConnectionDetails.class).getStandalone();
	}

	@Override
	public void close() {
		this.b.close();
		this.a.close();
	}

}
