package dev.backendbyexample.security.jwt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context most integration tests share: the whole application on a
 * random port (tests speak real HTTP), a fresh database and Redis namespace, the tests'
 * own keys ({@link TestKeys}), and a per-address login limit high enough for a suite that
 * logs in from 127.0.0.1 hundreds of times ({@code LoginLimitsIntegrationTests} tests the
 * real one).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = { JwtApplication.class, JwtServices.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "jwt.login.max-attempts-per-address=100000",
				"jwt.cors.allowed-origins=https://app.example.com" })
@ContextConfiguration(initializers = TestKeys.class)
@interface JwtIntegrationTest {

}
