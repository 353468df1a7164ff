package dev.backendbyexample.security.jwt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The users table. Every statement binds its values: no input ever becomes SQL.
 */
@Repository
class Users {

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the user, or answers false when the username is taken. */
	boolean insert(User user) {
		return this.jdbc.sql("""
				insert into users (id, username, password_hash, display_name, roles)
				values (:id, :username, :hash, :displayName, :roles)
				on conflict (username) do nothing""")
			.param("id", user.id())
			.param("username", user.username())
			.param("hash", user.passwordHash())
			.param("displayName", user.displayName())
			.param("roles", roles(user.roles()))
			.update() == 1;
	}

	Optional<User> findByUsername(String username) {
		return this.jdbc.sql("select * from users where username = :username")
			.param("username", username)
			.query(Users::user)
			.optional();
	}

	Optional<User> findById(UUID id) {
		return this.jdbc.sql("select * from users where id = :id").param("id", id).query(Users::user).optional();
	}

	List<User> findAll() {
		return this.jdbc.sql("select * from users order by username").query(Users::user).list();
	}

	void updatePasswordHash(UUID id, String hash) {
		this.jdbc.sql("update users set password_hash = :hash where id = :id")
			.param("hash", hash)
			.param("id", id)
			.update();
	}

	void updateDisplayName(UUID id, String displayName) {
		this.jdbc.sql("update users set display_name = :displayName where id = :id")
			.param("displayName", displayName)
			.param("id", id)
			.update();
	}

	boolean updateRoles(UUID id, Set<Role> roles) {
		return this.jdbc.sql("update users set roles = :roles where id = :id")
			.param("roles", roles(roles))
			.param("id", id)
			.update() == 1;
	}

	private static String roles(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
	}

	private static User user(ResultSet row, int number) throws SQLException {
		Set<Role> roles = Arrays.stream(row.getString("roles").split(","))
			.map(Role::valueOf)
			.collect(Collectors.toUnmodifiableSet());
		return new User(row.getObject("id", UUID.class), row.getString("username"), row.getString("password_hash"),
				row.getString("display_name"), roles);
	}

}
