package dev.backendbyexample.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * PostgreSQL: one server per JVM, one database per application context, dropped when it
 * closes.
 */
final class PostgresSupport {

	static final String DEFAULT_HOST = "127.0.0.1";

	static final int DEFAULT_PORT = 5432;

	static final String DEFAULT_USER = "postgres";

	private static @Nullable Server server;

	private PostgresSupport() {
	}

	static synchronized Server server() {
		if (server == null) {
			server = ServiceModes.resolve(Service.POSTGRES, () -> local(LocalSettings.fromEnvironment()),
					PostgresSupport::container);
		}
		return server;
	}

	static Server local(LocalSettings settings) {
		Server local = new Server(settings.get("BBE_POSTGRES_HOST", DEFAULT_HOST),
				settings.port("BBE_POSTGRES_PORT", DEFAULT_PORT), settings.get("BBE_POSTGRES_USER", DEFAULT_USER),
				settings.get("BBE_POSTGRES_PASSWORD", ""));
		Reachability.require(Service.POSTGRES, local.host(), local.port(), "BBE_POSTGRES_HOST and BBE_POSTGRES_PORT");
		return local;
	}

	private static Server container() {
		PostgreSQLContainer container = new PostgreSQLContainer(ContainerImages.POSTGRES);
		container.start();
		return new Server(container.getHost(), container.getMappedPort(5432), container.getUsername(),
				container.getPassword());
	}

	static String register(BeanDefinitionRegistry registry, Namespace namespace) {
		Server server = server();
		String database = namespace.databaseName();
		registry.registerBeanDefinition("bbePostgresDatabase",
				BeanDefinitionBuilder.genericBeanDefinition(Database.class, () -> new Database(server, namespace))
					.getBeanDefinition());
		JdbcConnectionDetails details = new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return server.username();
			}

			@Override
			public String getPassword() {
				return server.password();
			}

			@Override
			public String getJdbcUrl() {
				return server.jdbcUrl(database);
			}

		};
		registry.registerBeanDefinition("bbeJdbcConnectionDetails",
				BeanDefinitionBuilder.genericBeanDefinition(JdbcConnectionDetails.class, () -> details)
					.addDependsOn("bbePostgresDatabase")
					.getBeanDefinition());
		return "PostgreSQL " + server.host() + ":" + server.port() + " database " + database;
	}

	/** Where PostgreSQL listens; the password is never printed. */
	record Server(String host, int port, String username, String password) {

		String jdbcUrl(String database) {
			return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
		}

		Connection connect(String database) throws SQLException {
			Properties properties = new Properties();
			properties.setProperty("user", this.username);
			properties.setProperty("password", this.password);
			properties.setProperty("connectTimeout", "2");
			return DriverManager.getConnection(jdbcUrl(database), properties);
		}

	}

	/**
	 * The database of one application context: created with it, dropped when it closes.
	 */
	static final class Database implements DisposableBean {

		private final Server server;

		private final Namespace namespace;

		Database(Server server, Namespace namespace) {
			this.server = server;
			this.namespace = namespace;
			if (namespace.owned()) {
				execute("CREATE DATABASE " + namespace.databaseName());
			}
		}

		@Override
		public void destroy() {
			if (this.namespace.owned()) {
				// FORCE ends sessions a pool forgot to close; without it the drop fails.
				execute("DROP DATABASE IF EXISTS " + this.namespace.databaseName() + " WITH (FORCE)");
			}
		}

		private void execute(String sql) {
			try (Connection connection = this.server.connect("postgres");
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("PostgreSQL: " + sql + " failed: " + ex.getMessage(), ex);
			}
		}

	}

}
