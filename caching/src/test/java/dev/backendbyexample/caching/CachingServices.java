package dev.backendbyexample.caching;

import dev.backendbyexample.testsupport.BackingServices;
import dev.backendbyexample.testsupport.Service;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.PropertySource;

/**
 * A fresh PostgreSQL database and a Redis namespace for tests, demos and the benchmark,
 * removed when the context closes.
 */
@TestConfiguration(proxyBeanMethods = false)
@BackingServices({ Service.POSTGRES, Service.REDIS })
@PropertySource("classpath:caching-test.properties")
public class CachingServices {

}
