package dev.backendbyexample.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two application contexts on the same four real servers: neither sees the other's data,
 * a third one can join a namespace on purpose, and closing an owner leaves nothing
 * behind.
 */
class NamespaceIsolationIntegrationTests {

	private final List<ConfigurableApplicationContext> started = new java.util.ArrayList<>();

	@AfterEach
	void closeAll() {
		this.started.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void twoContextsNeverSeeEachOthersData() throws Exception {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		assertThat(namespace(first)).isNotEqualTo(namespace(second));

		// PostgreSQL: a table and a row in the first context's database only.
		jdbc(first).execute("CREATE TABLE notes (text varchar(20))");
		jdbc(first).update("INSERT INTO notes VALUES ('first')");
		assertThat(
				jdbc(second).queryForObject("SELECT count(*) FROM pg_tables WHERE tablename = 'notes'", Integer.class))
			.isZero();

		// Redis: the same logical key, under each context's prefix.
		redis(first).opsForValue().set(prefix(first) + "greeting", "first");
		assertThat(redis(second).opsForValue().get(prefix(second) + "greeting")).isNull();
		assertThat(redis(second).keys(prefix(first) + "*")).as("keys are shared only on purpose").isNotEmpty();

		// RabbitMQ: a queue of the same name in each virtual host.
		declareOrders(first);
		declareOrders(second);
		first.getBean(RabbitTemplate.class).convertAndSend("orders", "for first only");
		assertThat(first.getBean(RabbitTemplate.class).receiveAndConvert("orders", 5_000)).isEqualTo("for first only");
		first.getBean(RabbitTemplate.class).convertAndSend("orders", "still for first");
		assertThat(second.getBean(RabbitTemplate.class).receiveAndConvert("orders", 500)).isNull();

		// Kafka: topics carry the context's prefix.
		try (Admin admin = admin(first)) {
			admin.createTopics(List.of(new NewTopic(topicPrefix(first) + "events", 1, (short) 1)))
				.all()
				.get(10, TimeUnit.SECONDS);
			assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
				.noneMatch((topic) -> topic.startsWith(topicPrefix(second)))
				.contains(topicPrefix(first) + "events");
		}
	}

	@Test
	void closingTheOwnerRemovesItsDatabaseKeysVirtualHostAndTopics() throws Exception {
		ConfigurableApplicationContext context = start();
		String id = namespace(context);
		jdbc(context).execute("CREATE TABLE notes (text varchar(20))");
		redis(context).opsForValue().set(prefix(context) + "a", "1");
		redis(context).opsForValue().set(prefix(context) + "b", "2");
		declareOrders(context);
		String topic = topicPrefix(context) + "events";
		try (Admin admin = admin(context)) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
		}
		KafkaSupport.Server kafka = KafkaSupport.server();

		context.close();

		assertThat(databaseExists("bbe_" + id)).isFalse();
		assertThat(RedisSupport.Keys.deleteAll(RedisSupport.server(), "bbe:" + id + ":")).isZero();
		assertThat(RabbitSupport.server().admin().exists("bbe-" + id)).isFalse();
		try (Admin admin = kafka.admin()) {
			assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain(topic);
		}
	}

	@Test
	void aContextStartedWithTheNamespaceOfAnotherJoinsItAndRemovesNothing() {
		ConfigurableApplicationContext owner = start();
		redis(owner).opsForValue().set(prefix(owner) + "shared", "yes");
		jdbc(owner).execute("CREATE TABLE notes (text varchar(20))");

		ConfigurableApplicationContext joiner = start("--bbe.namespace=" + namespace(owner));
		assertThat(redis(joiner).opsForValue().get(prefix(joiner) + "shared")).isEqualTo("yes");
		joiner.close();

		assertThat(redis(owner).opsForValue().get(prefix(owner) + "shared")).isEqualTo("yes");
		assertThat(jdbc(owner).queryForObject("SELECT count(*) FROM notes", Integer.class)).isZero();
	}

	@Test
	void servicesAskedForInTwoPlacesShareOneNamespaceAndAJoinerStillRemovesNothing() {
		ConfigurableApplicationContext owner = start(SplitServicesApplication.class);
		assertThat(jdbc(owner).queryForObject("SELECT current_database()", String.class))
			.isEqualTo("bbe_" + namespace(owner));
		redis(owner).opsForValue().set(prefix(owner) + "shared", "yes");

		ConfigurableApplicationContext joiner = start(SplitServicesApplication.class,
				"--bbe.namespace=" + namespace(owner));
		joiner.close();

		assertThat(jdbc(owner).queryForObject("SELECT current_database()", String.class))
			.isEqualTo("bbe_" + namespace(owner));
		assertThat(redis(owner).opsForValue().get(prefix(owner) + "shared")).isEqualTo("yes");
	}

	@Test
	void theDatabaseOfAClosedContextCannotBeReached() {
		ConfigurableApplicationContext context = start();
		String url = "jdbc:postgresql://" + PostgresSupport.server().host() + ":" + PostgresSupport.server().port()
				+ "/bbe_" + namespace(context);
		context.close();
		assertThatThrownBy(() -> PostgresSupport.server().connect("bbe_" + namespace(context)).close())
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("does not exist");
		assertThat(url).contains("bbe_");
	}

	private ConfigurableApplicationContext start(String... args) {
		return start(HarnessApplication.class, args);
	}

	private ConfigurableApplicationContext start(Class<?> application, String... args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.run(args);
		this.started.add(context);
		return context;
	}

	private static String namespace(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("bbe.namespace");
	}

	private static String prefix(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("bbe.redis.key-prefix");
	}

	private static String topicPrefix(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("bbe.kafka.topic-prefix");
	}

	private static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
		return context.getBean(JdbcTemplate.class);
	}

	private static StringRedisTemplate redis(ConfigurableApplicationContext context) {
		return context.getBean(StringRedisTemplate.class);
	}

	private static void declareOrders(ConfigurableApplicationContext context) {
		context.getBean(RabbitAdmin.class).declareQueue(new Queue("orders", false, false, false));
	}

	private static Admin admin(ConfigurableApplicationContext context) {
		Properties properties = new Properties();
		properties.put("bootstrap.servers",
				String.join(",", context.getBean(KafkaConnectionDetails.class).getBootstrapServers()));
		return Admin.create(properties);
	}

	private static boolean databaseExists(String name) throws SQLException {
		try (Connection connection = PostgresSupport.server().connect("postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
			rows.next();
			return rows.getInt(1) > 0;
		}
	}

}
