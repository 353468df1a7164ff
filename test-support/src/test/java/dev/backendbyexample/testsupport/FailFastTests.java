package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A local service whose port is closed fails at once, naming the service, the address
 * tried and how to start it.
 */
class FailFastTests {

	@Test
	void postgresDownNamesTheAddressAndHowToStartIt() throws IOException {
		int port = closedPort();
		assertThatExceptionOfType(BackingServiceUnavailableException.class)
			.isThrownBy(() -> PostgresSupport.local(LocalSettings.of(Map.of("BBE_POSTGRES_PORT", "" + port))))
			.withMessageStartingWith("PostgreSQL is not reachable at 127.0.0.1:" + port + " (mode local, ")
			.withMessageContaining("BBE_POSTGRES_HOST and BBE_POSTGRES_PORT")
			.withMessageContaining("docker compose up -d postgres")
			.withMessageContaining("pg_ctlcluster");
	}

	@Test
	void redisDownNamesTheAddressAndHowToStartIt() throws IOException {
		int port = closedPort();
		assertThatExceptionOfType(BackingServiceUnavailableException.class)
			.isThrownBy(() -> RedisSupport.local(LocalSettings.of(Map.of("BBE_REDIS_PORT", "" + port))))
			.withMessageStartingWith("Redis is not reachable at 127.0.0.1:" + port)
			.withMessageContaining("docker compose up -d redis")
			.withMessageContaining("redis-server --daemonize yes");
	}

	@Test
	void rabbitWithoutManagementPluginSaysHowToEnableIt() throws IOException {
		int port = closedPort();
		assertThatExceptionOfType(BackingServiceUnavailableException.class)
			.isThrownBy(() -> RabbitSupport.local(LocalSettings.of(Map.of("BBE_RABBITMQ_MANAGEMENT_PORT", "" + port))))
			.withMessageStartingWith("RabbitMQ is not reachable at 127.0.0.1:" + port)
			.withMessageContaining("rabbitmq-plugins enable rabbitmq_management");
	}

	@Test
	void kafkaBootstrapDownNamesTheAddress() throws IOException {
		int port = closedPort();
		assertThatExceptionOfType(BackingServiceUnavailableException.class)
			.isThrownBy(() -> KafkaSupport.local(LocalSettings.of(Map.of("BBE_KAFKA_BOOTSTRAP", "127.0.0.1:" + port))))
			.withMessageStartingWith("Kafka is not reachable at 127.0.0.1:" + port)
			.withMessageContaining("BBE_KAFKA_BOOTSTRAP");
	}

	@Test
	void mariaDbDownNamesTheAddressAndHowToStartIt() throws IOException {
		int port = closedPort();
		assertThatExceptionOfType(BackingServiceUnavailableException.class)
			.isThrownBy(() -> MariaDbSupport.local(LocalSettings.of(Map.of("BBE_MARIADB_PORT", "" + port))))
			.withMessageStartingWith("MariaDB is not reachable at 127.0.0.1:" + port)
			.withMessageContaining("docker compose up -d mariadb")
			.withMessageContaining("mariadbd");
	}

	@Test
	void aSilentHostIsGivenUpWellWithinFiveSeconds() {
		// A closed loopback port refuses at once; a host that drops packets waits for
		// this.
		assertThat(Reachability.CONNECT_TIMEOUT).isLessThanOrEqualTo(java.time.Duration.ofSeconds(3));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
