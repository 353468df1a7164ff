package dev.backendbyexample.security.jwt;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notes table. Every query names the owner: a note is found only by the user who owns
 * it, so a forgotten check in a controller cannot leak one (object-level authorization in
 * the query itself).
 */
@Repository
class Notes {

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	Notes(JdbcClient jdbc, FieldEncryption encryption) {
		this.jdbc = jdbc;
		this.encryption = encryption;
	}

	Note create(UUID owner, String title, String body) {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		this.jdbc.sql("""
				insert into notes (id, owner_id, title, body, created_at)
				values (:id, :owner, :title, :body, :createdAt)""")
			.param("id", id)
			.param("owner", owner)
			.param("title", title)
			.param("body", this.encryption.encrypt(body, id.toString()))
			.param("createdAt", Timestamp.from(now))
			.update();
		return new Note(id, title, body, now);
	}

	Optional<Note> find(UUID owner, UUID id) {
		// exercise:begin ownership
		return this.jdbc.sql("select * from notes where id = :id and owner_id = :owner")
			.param("id", id)
			.param("owner", owner)
			.query((rs, n) -> note(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("body"),
					rs.getTimestamp("created_at").toInstant()))
			.optional();
		// exercise:end ownership
	}

	List<Note> findAll(UUID owner) {
		return this.jdbc.sql("select * from notes where owner_id = :owner order by created_at, id")
			.param("owner", owner)
			.query((rs, n) -> note(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("body"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	boolean delete(UUID owner, UUID id) {
		// exercise:begin ownership
		return this.jdbc.sql("delete from notes where id = :id and owner_id = :owner")
			.param("id", id)
			.param("owner", owner)
			.update() == 1;
		// exercise:end ownership
	}

	private Note note(UUID id, String title, String body, Instant createdAt) {
		return new Note(id, title, this.encryption.decrypt(body, id.toString()), createdAt);
	}

}
