package dev.backendbyexample.restvsgraphql;

import dev.backendbyexample.testsupport.BackingServices;
import dev.backendbyexample.testsupport.Service;

import org.springframework.boot.test.context.TestConfiguration;

/**
 * A fresh PostgreSQL database for the application, dropped when it stops.
 */
@TestConfiguration(proxyBeanMethods = false)
@BackingServices(Service.POSTGRES)
class RestVsGraphqlServices {

}
