package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
	void rabbitWithoutManagementApiNorRabbitmqctlSaysHowToEnableThePlugin() throws IOException {
		int port = closedPort();
		assertThatExceptionOfType(BackingServiceUnavailableException.class)
			.isThrownBy(() -> RabbitSupport.virtualHostAdmin("127.0.0.1", port, "guest", "guest",
					Rabbitmqctl.onThisMachine("bbe-no-such-rabbitmqctl", "127.0.0.1")))
			.withMessageStartingWith("RabbitMQ is not reachable at 127.0.0.1:" + port + " (mode local, ")
			.withMessageContaining(
					"change the address with BBE_RABBITMQ_MANAGEMENT_PORT; the management plugin must be enabled: rabbitmq-plugins enable rabbitmq_management")
			.withMessageContaining("rabbitmqctl could not stand in for it: `bbe-no-such-rabbitmqctl` could not be run")
			.withMessageContaining("docker compose up -d rabbitmq");
	}

	@Test
	void rabbitmqctlThatIsNotAllowedDoesNotStandIn() throws IOException {
		// `false` runs and exits 1, as rabbitmqctl does for a user who may not read the
		// broker's Erlang cookie.
		int port = closedPort();
		assertThatExceptionOfType(BackingServiceUnavailableException.class)
			.isThrownBy(() -> RabbitSupport.virtualHostAdmin("127.0.0.1", port, "guest", "guest",
					Rabbitmqctl.onThisMachine("false", "127.0.0.1")))
			.withMessageContaining("rabbitmq-plugins enable rabbitmq_management")
			.withMessageContaining("rabbitmqctl could not stand in for it: `false` was refused: exit code 1");
	}

	@Test
	void rabbitmqctlNeverStandsInForABrokerOnAnotherMachine() {
		assertThat(Rabbitmqctl.onThisMachine("rabbitmqctl", "192.0.2.1").whyNotUsable())
			.isEqualTo("it manages only the broker on this machine, and BBE_RABBITMQ_HOST is 192.0.2.1");
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
	@Timeout(30) // a guard against a hang, not a measurement
	void aHostThatNeverAnswersIsGivenUpByTheConnectTimeout() throws IOException {
		// A listener whose accept queue is full drops new connection attempts without a
		// word, as a firewalled host does: without a connect timeout the attempt would
		// wait for the kernel's SYN retries (about two minutes), and "Connect timed out"
		// is the timeout's own message.
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Socket> queued = fillAcceptQueue(silent.getLocalPort());
			try {
				assertThat(Reachability.refusal("127.0.0.1", silent.getLocalPort())).isEqualTo("Connect timed out");
			}
			finally {
				for (Socket socket : queued) {
					socket.close();
				}
			}
		}
	}

	/** Connects until the listener stops answering; returns the connections made. */
	private static List<Socket> fillAcceptQueue(int port) throws IOException {
		List<Socket> queued = new ArrayList<>();
		for (int attempt = 0; attempt < 16; attempt++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
				queued.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return queued;
			}
		}
		throw new IllegalStateException("the accept queue never filled after " + queued.size() + " connections");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
