package dev.backendbyexample.testsupport;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a module's test sees: one annotation, and Boot's own auto-configuration talks to
 * real servers inside this context's namespace.
 */
@SpringBootTest(classes = HarnessApplication.class)
class BackingServicesSpringBootIntegrationTests {

	@Value("${bbe.namespace}")
	String namespace;

	@Value("${bbe.redis.key-prefix}")
	String keyPrefix;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ConnectionFactory rabbit;

	@Test
	void theDataSourceIsConnectedToThisContextsOwnDatabase() {
		assertThat(this.jdbc.queryForObject("SELECT current_database()", String.class))
			.isEqualTo("bbe_" + this.namespace);
	}

	@Test
	void cachedContextsKeepOnlyOneIdleConnection(@Autowired DataSource dataSource) {
		assertThat(((HikariDataSource) dataSource).getMinimumIdle()).isEqualTo(1);
	}

	@Test
	void redisKeysAreWrittenToTheRealServerUnderThePrefix() {
		this.redis.opsForValue().increment(this.keyPrefix + "visits");
		assertThat(this.keyPrefix).isEqualTo("bbe:" + this.namespace + ":");
		assertThat(this.redis.opsForValue().get(this.keyPrefix + "visits")).isEqualTo("1");
	}

	@Test
	void rabbitConnectsToThisContextsVirtualHost() {
		assertThat(this.rabbit.getVirtualHost()).isEqualTo("bbe-" + this.namespace);
		assertThat(this.rabbit.createConnection().isOpen()).isTrue();
	}

}
