package dev.backendbyexample.testsupport;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Reads {@link BackingServices}, picks this context's namespace, publishes it as
 * properties and registers, per service, the bean that owns the namespace and the
 * {@code ConnectionDetails} that depends on it (so the namespace is removed only after
 * the client that used it closed).
 */
class BackingServicesRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private static final Log logger = LogFactory.getLog(BackingServicesRegistrar.class);

	static final String PROPERTY_SOURCE_NAME = "bbeBackingServices";

	private static final String OWNED_PROPERTY = "bbe.namespace.owned";

	private ConfigurableEnvironment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Service[] requested = metadata.getAnnotations().get(BackingServices.class).getEnumArray("value", Service.class);
		Set<Service> services = EnumSet.noneOf(Service.class);
		services.addAll(List.of(requested));
		Namespace namespace = namespace();
		List<String> endpoints = new ArrayList<>();
		for (Service service : services) {
			if (!registry.containsBeanDefinition(beanName(service))) {
				endpoints.add(register(service, registry, namespace));
			}
		}
		if (!endpoints.isEmpty()) {
			ServiceMode.Decision decision = ServiceModes.current();
			logger.info("Backing services: mode " + decision.mode().name().toLowerCase() + " (" + decision.reason()
					+ "), namespace " + namespace.id() + (namespace.owned() ? "" : " (joined)") + ": "
					+ String.join("; ", endpoints));
		}
	}

	private static String register(Service service, BeanDefinitionRegistry registry, Namespace namespace) {
		// Each support class is loaded only when its service is asked for, so a module
		// needs on its classpath only the clients of the services it uses.
		return switch (service) {
			case POSTGRES -> PostgresSupport.register(registry, namespace);
			case REDIS -> RedisSupport.register(registry, namespace);
			case RABBITMQ -> RabbitSupport.register(registry, namespace);
			case KAFKA -> KafkaSupport.register(registry, namespace);
			case MARIADB -> MariaDbSupport.register(registry, namespace);
		};
	}

	private static String beanName(Service service) {
		return switch (service) {
			case POSTGRES -> "bbePostgresDatabase";
			case REDIS -> "bbeRedisKeys";
			case RABBITMQ -> "bbeRabbitVirtualHost";
			case KAFKA -> "bbeKafkaTopics";
			case MARIADB -> "bbeMariaDbDatabase";
		};
	}

	/**
	 * A fresh namespace, unless this context already has one (a second
	 * {@code @BackingServices} in it) or was started with {@code bbe.namespace} set, to
	 * join another instance's.
	 */
	private Namespace namespace() {
		PropertySource<?> ours = this.environment.getPropertySources().get(PROPERTY_SOURCE_NAME);
		if (ours != null) {
			return new Namespace((String) ours.getProperty(Namespace.PROPERTY),
					(Boolean) ours.getProperty(OWNED_PROPERTY));
		}
		String given = this.environment.getProperty(Namespace.PROPERTY);
		Namespace namespace = (given != null) ? Namespace.join(given) : Namespace.fresh();
		// Lowest precedence: a module's own application.yml and test properties win.
		Map<String, Object> properties = new HashMap<>();
		properties.put(Namespace.PROPERTY, namespace.id());
		properties.put(OWNED_PROPERTY, namespace.owned());
		properties.put("bbe.redis.key-prefix", namespace.redisKeyPrefix());
		properties.put("bbe.kafka.topic-prefix", namespace.kafkaTopicPrefix());
		properties.put("bbe.services.mode", ServiceModes.current().mode().name().toLowerCase());
		// The test framework caches contexts, each with a pool that Hikari keeps full (10
		// by default): a dozen cached contexts exhaust PostgreSQL's 100 connections. Idle
		// pools shrink to one connection instead.
		properties.put("spring.datasource.hikari.minimum-idle", "1");
		properties.put("spring.datasource.hikari.idle-timeout", "10000");
		this.environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		return namespace;
	}

}
