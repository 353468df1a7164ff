package dev.backendbyexample.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB, the comparison database: each context gets a database of its own, dropped when
 * it closes, and no DataSource competes with PostgreSQL's.
 */
class MariaDbNamespaceIntegrationTests {

	@Test
	void twoContextsGetTheirOwnDatabaseAndClosingDropsIt() throws SQLException {
		try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
			MariaDbDatabase firstDatabase = first.getBean(MariaDbDatabase.class);
			MariaDbDatabase secondDatabase = second.getBean(MariaDbDatabase.class);
			assertThat(firstDatabase.name()).isNotEqualTo(secondDatabase.name());
			try (Connection connection = firstDatabase.connect(); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE notes (text varchar(20))");
			}
			assertThat(tables(secondDatabase)).isZero();
			assertThat(tables(firstDatabase)).isOne();
			first.close();
			assertThat(databaseExists(firstDatabase.name())).isFalse();
			assertThat(databaseExists(secondDatabase.name())).isTrue();
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(MariaDbOnly.class).web(WebApplicationType.NONE).run();
	}

	private static int tables(MariaDbDatabase database) throws SQLException {
		return count(database.connect(),
				"SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + database.name() + "'");
	}

	private static boolean databaseExists(String name) throws SQLException {
		return count(MariaDbSupport.server().connect(""),
				"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'") > 0;
	}

	private static int count(Connection connection, String sql) throws SQLException {
		try (connection;
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	@SpringBootConfiguration
	@BackingServices(Service.MARIADB)
	static class MariaDbOnly {

	}

}
