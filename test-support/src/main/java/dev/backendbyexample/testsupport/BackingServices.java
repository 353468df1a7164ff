package dev.backendbyexample.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Gives the annotated {@code @SpringBootTest} (or {@code @TestConfiguration} used by a
 * {@code Test<Module>Application}) real services through Spring Boot's
 * {@code ConnectionDetails} beans, each in a namespace of its own that is removed when
 * the application context closes.
 * <p>
 * The namespace shows in the environment as {@code bbe.namespace},
 * {@code bbe.redis.key-prefix} and {@code bbe.kafka.topic-prefix}. A context started with
 * {@code bbe.namespace} already set joins that namespace (e.g. a second application
 * instance) and removes nothing when it closes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(BackingServicesRegistrar.class)
public @interface BackingServices {

	Service[] value();

}
