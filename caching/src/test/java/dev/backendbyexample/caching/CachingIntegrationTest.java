package dev.backendbyexample.caching;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application context most integration tests share (same configuration, so Spring
 * caches it): the whole application on a random port, a fresh database with a small seed
 * (1,000 products, 20,000 reviews: seeded in a fraction of a second, where the full
 * seed's million reviews take seconds per context; the tests count queries, they do not
 * time them).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = { CachingApplication.class, CachingServices.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { SmallSeed.PRODUCTS, SmallSeed.REVIEWS, "management.prometheus.metrics.export.enabled=true" })
@interface CachingIntegrationTest {

}
