package dev.backendbyexample.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest application that uses every backing service, for the harness's own tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@BackingServices({ Service.POSTGRES, Service.REDIS, Service.RABBITMQ, Service.KAFKA })
class HarnessApplication {

}
