package dev.backendbyexample.testsupport;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

/**
 * RabbitMQ: one broker per JVM, one virtual host per application context. Deleting the
 * virtual host removes every queue and exchange the context declared, and nothing else.
 */
final class RabbitSupport {

	private static final Log logger = LogFactory.getLog(RabbitSupport.class);

	static final String DEFAULT_HOST = "127.0.0.1";

	static final int DEFAULT_PORT = 5672;

	static final int DEFAULT_MANAGEMENT_PORT = 15672;

	static final String DEFAULT_USER = "guest";

	static final String DEFAULT_RABBITMQCTL = "rabbitmqctl";

	static final String ENABLE_MANAGEMENT = "rabbitmq-plugins enable rabbitmq_management";

	private static @Nullable Server server;

	private static @Nullable RabbitMQContainer container;

	private RabbitSupport() {
	}

	static synchronized Server server() {
		if (server == null) {
			server = ServiceModes.resolve(Service.RABBITMQ, () -> local(LocalSettings.fromEnvironment()),
					RabbitSupport::container);
		}
		return server;
	}

	static Server local(LocalSettings settings) {
		String host = settings.get("BBE_RABBITMQ_HOST", DEFAULT_HOST);
		int port = settings.port("BBE_RABBITMQ_PORT", DEFAULT_PORT);
		String username = settings.get("BBE_RABBITMQ_USER", DEFAULT_USER);
		String password = settings.get("BBE_RABBITMQ_PASSWORD", DEFAULT_USER);
		Reachability.require(Service.RABBITMQ, host, port, "BBE_RABBITMQ_HOST and BBE_RABBITMQ_PORT");
		int managementPort = settings.port("BBE_RABBITMQ_MANAGEMENT_PORT", DEFAULT_MANAGEMENT_PORT);
		Rabbitmqctl rabbitmqctl = Rabbitmqctl.onThisMachine(settings.get("BBE_RABBITMQCTL", DEFAULT_RABBITMQCTL), host);
		return new Server(host, port, username, password,
				virtualHostAdmin(host, managementPort, username, password, rabbitmqctl));
	}

	/**
	 * Virtual hosts cannot be created over AMQP: the management API does it when the
	 * plugin is enabled, else {@code rabbitmqctl} when it may, else the start fails
	 * saying how to enable the plugin.
	 */
	static VirtualHostAdmin virtualHostAdmin(String host, int managementPort, String username, String password,
			Rabbitmqctl rabbitmqctl) {
		String managementRefusal = Reachability.refusal(host, managementPort);
		if (managementRefusal == null) {
			return new RabbitManagementApi(host, managementPort, username, password);
		}
		String whyNot = rabbitmqctl.whyNotUsable();
		if (whyNot == null) {
			logger.info("RabbitMQ management API does not answer on " + host + ":" + managementPort + " ("
					+ managementRefusal + "); virtual hosts are created with " + rabbitmqctl.describe());
			return rabbitmqctl;
		}
		throw new BackingServiceUnavailableException(Service.RABBITMQ, host + ":" + managementPort, "mode local, "
				+ managementRefusal
				+ "; change the address with BBE_RABBITMQ_MANAGEMENT_PORT; the management plugin must be enabled: "
				+ ENABLE_MANAGEMENT + "; rabbitmqctl could not stand in for it: " + whyNot);
	}

	private static Server container() {
		RabbitMQContainer started = new RabbitMQContainer(ContainerImages.RABBITMQ);
		started.start();
		container = started;
		return new Server(started.getHost(), started.getAmqpPort(), started.getAdminUsername(),
				started.getAdminPassword(), new RabbitManagementApi(started.getHost(), started.getHttpPort(),
						started.getAdminUsername(), started.getAdminPassword()));
	}

	/**
	 * The broker's {@code rabbitmqctl}: inside its container in containers mode, else on
	 * this machine.
	 */
	static synchronized Rabbitmqctl rabbitmqctl(LocalSettings settings) {
		Server broker = server();
		return (container != null) ? Rabbitmqctl.inContainer(container)
				: Rabbitmqctl.onThisMachine(settings.get("BBE_RABBITMQCTL", DEFAULT_RABBITMQCTL), broker.host());
	}

	/** The management API port of the broker: its container's, or the local setting. */
	static synchronized int managementPort(LocalSettings settings) {
		server();
		return (container != null) ? container.getHttpPort()
				: settings.port("BBE_RABBITMQ_MANAGEMENT_PORT", DEFAULT_MANAGEMENT_PORT);
	}

	static String register(BeanDefinitionRegistry registry, Namespace namespace) {
		Server server = server();
		registry.registerBeanDefinition("bbeRabbitVirtualHost",
				BeanDefinitionBuilder.genericBeanDefinition(VirtualHost.class, () -> new VirtualHost(server, namespace))
					.getBeanDefinition());
		RabbitConnectionDetails details = new RabbitConnectionDetails() {

			@Override
			public String getUsername() {
				return server.username();
			}

			@Override
			public String getPassword() {
				return server.password();
			}

			@Override
			public String getVirtualHost() {
				return namespace.virtualHost();
			}

			@Override
			public List<Address> getAddresses() {
				return List.of(new Address(server.host(), server.port()));
			}

		};
		registry.registerBeanDefinition("bbeRabbitConnectionDetails",
				BeanDefinitionBuilder.genericBeanDefinition(RabbitConnectionDetails.class, () -> details)
					.addDependsOn("bbeRabbitVirtualHost")
					.getBeanDefinition());
		return "RabbitMQ " + server.host() + ":" + server.port() + " virtual host " + namespace.virtualHost()
				+ " (through " + server.admin().describe() + ")";
	}

	/**
	 * Where RabbitMQ listens for AMQP, and what creates its virtual hosts. The password
	 * is never printed.
	 */
	record Server(String host, int port, String username, String password, VirtualHostAdmin admin) {

		@Override
		public String toString() {
			return "Server[" + this.host + ":" + this.port + ", user " + this.username + ", " + this.admin.describe()
					+ "]";
		}

	}

	/**
	 * The virtual host of one application context: created with it, deleted when it
	 * closes.
	 */
	static final class VirtualHost implements DisposableBean {

		private final Server server;

		private final Namespace namespace;

		VirtualHost(Server server, Namespace namespace) {
			this.server = server;
			this.namespace = namespace;
			if (namespace.owned()) {
				try {
					server.admin().create(namespace.virtualHost(), server.username());
				}
				catch (RuntimeException ex) {
					// A bean that fails to construct is never destroyed: undo the
					// half-made namespace (a virtual host created without permissions).
					undo(ex);
					throw ex;
				}
			}
		}

		@Override
		public void destroy() {
			if (this.namespace.owned()) {
				this.server.admin().delete(this.namespace.virtualHost());
			}
		}

		private void undo(RuntimeException failure) {
			try {
				if (this.server.admin().exists(this.namespace.virtualHost())) {
					this.server.admin().delete(this.namespace.virtualHost());
				}
			}
			catch (RuntimeException ex) {
				failure.addSuppressed(ex);
			}
		}

	}

}
