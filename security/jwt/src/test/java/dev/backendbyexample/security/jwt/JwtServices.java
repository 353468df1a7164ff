package dev.backendbyexample.security.jwt;

import dev.backendbyexample.testsupport.BackingServices;
import dev.backendbyexample.testsupport.Service;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.PropertySource;

/**
 * A fresh PostgreSQL database and a Redis namespace for tests, demos and the benchmark,
 * both removed when the application stops.
 */
@TestConfiguration(proxyBeanMethods = false)
@BackingServices({ Service.POSTGRES, Service.REDIS })
@PropertySource("classpath:security-jwt-test.properties")
public class JwtServices {

}
