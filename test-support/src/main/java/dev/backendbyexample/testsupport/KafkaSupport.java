package dev.backendbyexample.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Kafka: a real KRaft broker (in this JVM in local mode, unless
 * {@code BBE_KAFKA_BOOTSTRAP} names one), one topic prefix per application context; its
 * topics are deleted when it closes.
 */
final class KafkaSupport {

	static final int COMPOSE_PORT = 9092;

	private static @Nullable Server server;

	private KafkaSupport() {
	}

	static synchronized Server server() {
		if (server == null) {
			server = ServiceModes.resolve(Service.KAFKA, () -> local(LocalSettings.fromEnvironment()),
					KafkaSupport::container);
		}
		return server;
	}

	static Server local(LocalSettings settings) {
		String bootstrap = settings.get("BBE_KAFKA_BOOTSTRAP");
		if (bootstrap != null) {
			String first = bootstrap.split(",")[0].trim();
			int colon = first.lastIndexOf(':');
			Reachability.require(Service.KAFKA, first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)),
					"BBE_KAFKA_BOOTSTRAP");
			return new Server(bootstrap, "broker");
		}
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		// Transactions keep their state in an internal topic whose default replication
		// factor
		// (3) one broker cannot give: without these, initTransactions() waits forever. A
		// Kafka
		// container sets the same.
		broker.brokerProperty("transaction.state.log.replication.factor", "1");
		broker.brokerProperty("transaction.state.log.min.isr", "1");
		broker.afterPropertiesSet();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "bbe-kafka-stop"));
		return new Server(broker.getBrokersAsString(), Server.IN_JVM);
	}

	private static Server container() {
		KafkaContainer container = new KafkaContainer(ContainerImages.KAFKA);
		container.start();
		return new Server(container.getBootstrapServers(), "container");
	}

	static String register(BeanDefinitionRegistry registry, Namespace namespace) {
		Server server = server();
		registry.registerBeanDefinition("bbeKafkaTopics",
				BeanDefinitionBuilder.genericBeanDefinition(Topics.class, () -> new Topics(server, namespace))
					.getBeanDefinition());
		KafkaConnectionDetails details = () -> List.of(server.bootstrapServers().split(","));
		registry.registerBeanDefinition("bbeKafkaConnectionDetails",
				BeanDefinitionBuilder.genericBeanDefinition(KafkaConnectionDetails.class, () -> details)
					.addDependsOn("bbeKafkaTopics")
					.getBeanDefinition());
		return "Kafka " + server.kind() + " " + server.bootstrapServers() + " topic prefix "
				+ namespace.kafkaTopicPrefix();
	}

	private static boolean jvmIsShuttingDown() {
		Thread probe = new Thread(() -> {
		});
		try {
			Runtime.getRuntime().addShutdownHook(probe);
			Runtime.getRuntime().removeShutdownHook(probe);
			return false;
		}
		catch (IllegalStateException ex) {
			return true; // "Shutdown in progress": the only way the JDK tells
		}
	}

	/** Where Kafka listens. */
	record Server(String bootstrapServers, String kind) {

		static final String IN_JVM = "in-JVM KRaft broker";

		boolean inJvm() {
			return IN_JVM.equals(this.kind);
		}

		Admin admin() {
			return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
					AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
					AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
		}

	}

	/**
	 * The topics of one application context: every topic under its prefix is deleted when
	 * it closes.
	 */
	static final class Topics implements DisposableBean {

		private final Server server;

		private final Namespace namespace;

		Topics(Server server, Namespace namespace) {
			this.server = server;
			this.namespace = namespace;
		}

		@Override
		public void destroy() throws Exception {
			// At JVM exit the in-JVM broker is being stopped by its own shutdown hook, at
			// the same time: asking it to delete topics would only wait out the admin
			// timeout, and its topics go with it anyway.
			if (this.server.inJvm() && jvmIsShuttingDown()) {
				return;
			}
			if (this.namespace.owned()) {
				try (Admin admin = this.server.admin()) {
					List<String> ours = admin.listTopics()
						.names()
						.get(10, TimeUnit.SECONDS)
						.stream()
						.filter((topic) -> topic.startsWith(this.namespace.kafkaTopicPrefix()))
						.toList();
					admin.deleteTopics(ours).all().get(10, TimeUnit.SECONDS);
				}
			}
		}

	}

}
