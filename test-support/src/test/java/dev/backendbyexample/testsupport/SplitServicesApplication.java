package dev.backendbyexample.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * An application that asks for its services in two places, as a module with a shared test
 * configuration and a test of its own may: both must land in one namespace.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@BackingServices(Service.REDIS)
@Import(SplitServicesApplication.PostgresToo.class)
class SplitServicesApplication {

	@TestConfiguration(proxyBeanMethods = false)
	@BackingServices(Service.POSTGRES)
	static class PostgresToo {

	}

}
