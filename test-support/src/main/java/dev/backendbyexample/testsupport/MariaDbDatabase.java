package dev.backendbyexample.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.springframework.beans.factory.DisposableBean;

/**
 * The MariaDB database of one application context, created with it and dropped when it
 * closes. Inject it to open connections: MariaDB is here for comparisons, so it gets no
 * DataSource of its own.
 */
public final class MariaDbDatabase implements DisposableBean {

	private final MariaDbSupport.Server server;

	private final Namespace namespace;

	MariaDbDatabase(MariaDbSupport.Server server, Namespace namespace) {
		this.server = server;
		this.namespace = namespace;
		if (namespace.owned()) {
			execute("CREATE DATABASE " + name());
		}
	}

	/** The database's name, {@code bbe_<namespace>}. */
	public String name() {
		return this.namespace.databaseName();
	}

	public String jdbcUrl() {
		return this.server.jdbcUrl(name());
	}

	/** A new connection to this context's database; the caller closes it. */
	public Connection connect() throws SQLException {
		return this.server.connect(name());
	}

	@Override
	public void destroy() {
		if (this.namespace.owned()) {
			execute("DROP DATABASE IF EXISTS " + name());
		}
	}

	private void execute(String sql) {
		try (Connection connection = this.server.connect(""); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("MariaDB: " + sql + " failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "MariaDB " + this.server.host() + ":" + this.server.port() + " database " + name();
	}

	static Properties credentials(String username, String password) {
		Properties properties = new Properties();
		properties.setProperty("user", username);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "2000");
		return properties;
	}

	static Connection open(String url, Properties credentials) throws SQLException {
		return DriverManager.getConnection(url, credentials);
	}

}
