package dev.backendbyexample.testsupport;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * MariaDB: one server per JVM, one database per application context, exposed as a
 * {@link MariaDbDatabase} bean.
 */
final class MariaDbSupport {

	static final String DEFAULT_HOST = "127.0.0.1";

	static final int DEFAULT_PORT = 3306;

	static final String DEFAULT_USER = "root";

	private static @Nullable Server server;

	private MariaDbSupport() {
	}

	static synchronized Server server() {
		if (server == null) {
			server = ServiceModes.resolve(Service.MARIADB, () -> local(LocalSettings.fromEnvironment()),
					MariaDbSupport::container);
		}
		return server;
	}

	static Server local(LocalSettings settings) {
		Server local = new Server(settings.get("BBE_MARIADB_HOST", DEFAULT_HOST),
				settings.port("BBE_MARIADB_PORT", DEFAULT_PORT), settings.get("BBE_MARIADB_USER", DEFAULT_USER),
				settings.get("BBE_MARIADB_PASSWORD", ""));
		Reachability.require(Service.MARIADB, local.host(), local.port(), "BBE_MARIADB_HOST and BBE_MARIADB_PORT");
		return local;
	}

	private static Server container() {
		MariaDBContainer container = new MariaDBContainer(ContainerImages.MARIADB).withUsername("root")
			.withPassword("bbe");
		container.start();
		return new Server(container.getHost(), container.getMappedPort(3306), "root", "bbe");
	}

	static String register(BeanDefinitionRegistry registry, Namespace namespace) {
		Server server = server();
		registry.registerBeanDefinition("bbeMariaDbDatabase",
				BeanDefinitionBuilder
					.genericBeanDefinition(MariaDbDatabase.class, () -> new MariaDbDatabase(server, namespace))
					.getBeanDefinition());
		return "MariaDB " + server.host() + ":" + server.port() + " database " + namespace.databaseName();
	}

	/** Where MariaDB listens; the password is never printed. */
	record Server(String host, int port, String username, String password) {

		String jdbcUrl(String database) {
			return "jdbc:mariadb://" + this.host + ":" + this.port + "/" + database;
		}

		Connection connect(String database) throws SQLException {
			return MariaDbDatabase.open(jdbcUrl(database), MariaDbDatabase.credentials(this.username, this.password));
		}

	}

}
