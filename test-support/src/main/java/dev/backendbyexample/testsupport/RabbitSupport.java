package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

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

	static final String DEFAULT_HOST = "127.0.0.1";

	static final int DEFAULT_PORT = 5672;

	static final int DEFAULT_MANAGEMENT_PORT = 15672;

	static final String DEFAULT_USER = "guest";

	private static @Nullable Server server;

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
		Server local = new Server(settings.get("BBE_RABBITMQ_HOST", DEFAULT_HOST),
				settings.port("BBE_RABBITMQ_PORT", DEFAULT_PORT),
				settings.port("BBE_RABBITMQ_MANAGEMENT_PORT", DEFAULT_MANAGEMENT_PORT),
				settings.get("BBE_RABBITMQ_USER", DEFAULT_USER), settings.get("BBE_RABBITMQ_PASSWORD", DEFAULT_USER));
		Reachability.require(Service.RABBITMQ, local.host(), local.port(), "BBE_RABBITMQ_HOST and BBE_RABBITMQ_PORT");
		// Virtual hosts can only be created through the management API, not over AMQP.
		Reachability.require(Service.RABBITMQ, local.host(), local.managementPort(),
				"BBE_RABBITMQ_MANAGEMENT_PORT; the management plugin must be enabled: rabbitmq-plugins enable rabbitmq_management");
		return local;
	}

	private static Server container() {
		RabbitMQContainer container = new RabbitMQContainer(ContainerImages.RABBITMQ);
		container.start();
		return new Server(container.getHost(), container.getAmqpPort(), container.getHttpPort(),
				container.getAdminUsername(), container.getAdminPassword());
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
		return "RabbitMQ " + server.host() + ":" + server.port() + " virtual host " + namespace.virtualHost();
	}

	/**
	 * Where RabbitMQ listens: AMQP and the management HTTP API. The password is never
	 * printed.
	 */
	record Server(String host, int port, int managementPort, String username, String password) {

		/** Calls the management API; returns the HTTP status. */
		int manage(String method, String path, String json) {
			String credentials = Base64.getEncoder()
				.encodeToString((this.username + ":" + this.password).getBytes(StandardCharsets.UTF_8));
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://" + this.host + ":" + this.managementPort + "/api/" + path))
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", "Basic " + credentials)
				.header("Content-Type", "application/json")
				.method(method,
						json.isEmpty() ? HttpRequest.BodyPublishers.noBody()
								: HttpRequest.BodyPublishers.ofString(json))
				.build();
			try (HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1) // the management API chokes on the
														// h2c upgrade
				.connectTimeout(Duration.ofSeconds(2))
				.build()) {
				return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (IOException ex) {
				throw new IllegalStateException("RabbitMQ management API: " + method + " " + path + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
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
				String vhost = path(namespace.virtualHost());
				expect(server.manage("PUT", "vhosts/" + vhost, ""), "create virtual host");
				try {
					expect(server.manage("PUT", "permissions/" + vhost + "/" + path(server.username()),
							"{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"), "grant permissions");
				}
				catch (RuntimeException ex) {
					// A bean that fails to construct is never destroyed: undo the
					// half-made namespace.
					destroy();
					throw ex;
				}
			}
		}

		@Override
		public void destroy() {
			if (this.namespace.owned()) {
				expect(this.server.manage("DELETE", "vhosts/" + path(this.namespace.virtualHost()), ""),
						"delete virtual host");
			}
		}

		private static String path(String segment) {
			return URLEncoder.encode(segment, StandardCharsets.UTF_8);
		}

		private void expect(int status, String action) {
			if (status / 100 != 2) {
				throw new IllegalStateException("RabbitMQ management API: could not " + action + " "
						+ this.namespace.virtualHost() + " (HTTP " + status + ")");
			}
		}

	}

}
