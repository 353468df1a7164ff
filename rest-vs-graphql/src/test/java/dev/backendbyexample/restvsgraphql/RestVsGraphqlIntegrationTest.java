package dev.backendbyexample.restvsgraphql;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one application context the integration tests share (same configuration, so Spring
 * caches and reuses it): the whole application on a random port (tests speak real HTTP),
 * a fresh seeded database. The pool keeps only 2 idle connections: the PostgreSQL server
 * is shared with other modules' builds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = { RestVsGraphqlApplication.class, RestVsGraphqlServices.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.maximum-pool-size=20", "spring.datasource.hikari.minimum-idle=2",
				"spring.datasource.hikari.idle-timeout=10000" })
@interface RestVsGraphqlIntegrationTest {

}
