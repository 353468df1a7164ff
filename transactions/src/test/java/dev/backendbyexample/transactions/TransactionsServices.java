package dev.backendbyexample.transactions;

import dev.backendbyexample.testsupport.BackingServices;
import dev.backendbyexample.testsupport.Service;

import org.springframework.boot.test.context.TestConfiguration;

/**
 * A fresh PostgreSQL database for the application, and a MariaDB one to compare isolation
 * levels with; both dropped when it stops.
 */
@TestConfiguration(proxyBeanMethods = false)
@BackingServices({ Service.POSTGRES, Service.MARIADB })
class TransactionsServices {

}
