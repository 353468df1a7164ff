package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Both ways of making a context's virtual host, on the real broker of this JVM: the
 * management API when it answers, {@code rabbitmqctl} when it does not (a stock Debian
 * {@code rabbitmq-server} has no management plugin). Either way the user can work in the
 * virtual host, and once it is deleted nobody can.
 */
class RabbitVirtualHostsIntegrationTests {

	private final LocalSettings settings = LocalSettings.fromEnvironment();

	@Test
	void whenTheManagementApiAnswersItMakesTheVirtualHosts() throws Exception {
		RabbitSupport.Server broker = RabbitSupport.server();
		int managementPort = managementApiAnswering(broker);

		VirtualHostAdmin admin = RabbitSupport.virtualHostAdmin(broker.host(), managementPort, broker.username(),
				broker.password(), RabbitSupport.rabbitmqctl(this.settings));

		assertThat(admin).isInstanceOf(RabbitManagementApi.class);
		createWorkInAndDelete(broker, admin);
	}

	@Test
	void whenTheManagementApiDoesNotAnswerRabbitmqctlMakesThem() throws Exception {
		RabbitSupport.Server broker = RabbitSupport.server();

		VirtualHostAdmin admin = RabbitSupport.virtualHostAdmin(broker.host(), closedPort(), broker.username(),
				broker.password(), RabbitSupport.rabbitmqctl(this.settings));

		assertThat(admin).isInstanceOf(Rabbitmqctl.class);
		createWorkInAndDelete(broker, admin);
	}

	private static void createWorkInAndDelete(RabbitSupport.Server broker, VirtualHostAdmin admin) throws Exception {
		String virtualHost = Namespace.fresh().virtualHost();
		admin.create(virtualHost, broker.username());
		try {
			assertThat(admin.exists(virtualHost)).isTrue();
			try (Connection connection = connectTo(broker, virtualHost)) {
				Channel channel = connection.createChannel();
				channel.queueDeclare("orders", false, false, false, null);
				// Confirmed by the broker before it is fetched: no waiting on time.
				channel.confirmSelect();
				channel.basicPublish("", "orders", null, "order 1".getBytes(StandardCharsets.UTF_8));
				channel.waitForConfirmsOrDie(TimeUnit.SECONDS.toMillis(10));
				GetResponse fetched = channel.basicGet("orders", true);
				assertThat(fetched).isNotNull();
				assertThat(new String(fetched.getBody(), StandardCharsets.UTF_8)).isEqualTo("order 1");
			}
		}
		finally {
			admin.delete(virtualHost);
		}
		assertThat(admin.exists(virtualHost)).isFalse();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> connectTo(broker, virtualHost).close())
			.withStackTraceContaining("not found");
	}

	private static Connection connectTo(RabbitSupport.Server broker, String virtualHost) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(broker.host());
		factory.setPort(broker.port());
		factory.setUsername(broker.username());
		factory.setPassword(broker.password());
		factory.setVirtualHost(virtualHost);
		factory.setAutomaticRecoveryEnabled(false);
		return factory.newConnection();
	}

	/**
	 * The management API's port, enabling the plugin first where it is off, as
	 * {@code .ci/run} does: a test may not skip because a component is missing. It stays
	 * enabled, since another JVM may have started using it meanwhile.
	 */
	private int managementApiAnswering(RabbitSupport.Server broker) throws IOException, InterruptedException {
		int port = RabbitSupport.managementPort(this.settings);
		if (Reachability.refusal(broker.host(), port) != null) {
			Process enable = new ProcessBuilder("rabbitmq-plugins", "enable", "rabbitmq_management")
				.redirectErrorStream(true)
				.start();
			String output = new String(enable.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(enable.waitFor(2, TimeUnit.MINUTES) && enable.exitValue() == 0)
				.as("the management API does not answer on %s:%d and `%s` failed: %s", broker.host(), port,
						RabbitSupport.ENABLE_MANAGEMENT, output)
				.isTrue();
		}
		RabbitManagementApi api = new RabbitManagementApi(broker.host(), port, broker.username(), broker.password());
		await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> api.exists("/"));
		return port;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
