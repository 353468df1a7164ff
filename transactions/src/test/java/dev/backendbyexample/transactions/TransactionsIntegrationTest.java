package dev.backendbyexample.transactions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one application context the integration tests share (same configuration, so Spring
 * caches and reuses it): the whole application on a random port (tests speak real HTTP),
 * a fresh database. The pool holds up to 20 connections, but keeps only 2 when idle: the
 * PostgreSQL server is shared with other modules' builds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = { TransactionsApplication.class, TransactionsServices.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.maximum-pool-size=20", "spring.datasource.hikari.minimum-idle=2",
				"spring.datasource.hikari.idle-timeout=10000" })
@interface TransactionsIntegrationTest {

}
