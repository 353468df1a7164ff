package dev.backendbyexample.testsupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest application that uses every backing service, for the harness's own tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@BackingServices({ Service.POSTGRES, Service.REDIS, Service.RABBITMQ, Service.KAFKA })
class HarnessApplication {

	/** Starts and stops at once: a separate JVM uses it to show how a start fails. */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(HarnessApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args).close();
	}

}
