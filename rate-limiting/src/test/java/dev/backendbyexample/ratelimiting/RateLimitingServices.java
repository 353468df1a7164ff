package dev.backendbyexample.ratelimiting;

import dev.backendbyexample.testsupport.BackingServices;
import dev.backendbyexample.testsupport.Service;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.PropertySource;

/**
 * A real Redis for tests, demos and the benchmark, with every key under this context's
 * namespace.
 */
@TestConfiguration(proxyBeanMethods = false)
@BackingServices(Service.REDIS)
@PropertySource("classpath:rate-limiting-test.properties")
public class RateLimitingServices {

}
