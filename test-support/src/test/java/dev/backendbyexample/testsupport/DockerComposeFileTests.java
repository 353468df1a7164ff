package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} and the harness cannot drift: same pinned images as
 * containers mode, same ports as local mode's defaults.
 */
class DockerComposeFileTests {

	private static Map<String, Map<String, Object>> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readComposeFile() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			services = (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

	@Test
	void imagesAreTheOnesContainersModeUses() {
		assertThat(image("postgres")).isEqualTo(ContainerImages.POSTGRES);
		assertThat(image("redis")).isEqualTo(ContainerImages.REDIS);
		assertThat(image("rabbitmq")).isEqualTo(ContainerImages.RABBITMQ);
		assertThat(image("kafka")).isEqualTo(ContainerImages.KAFKA);
		assertThat(image("mariadb")).isEqualTo(ContainerImages.MARIADB);
	}

	@Test
	void everyImageIsPinnedToAVersion() {
		services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name).matches("[\\w./-]+:\\d+(\\.\\d+)+(-[\\w.]+)?");
		});
	}

	@Test
	void portsAreTheLocalModeDefaults() {
		assertThat(hostPorts("postgres")).containsExactly(PostgresSupport.DEFAULT_PORT);
		assertThat(hostPorts("redis")).containsExactly(RedisSupport.DEFAULT_PORT);
		assertThat(hostPorts("rabbitmq")).containsExactly(RabbitSupport.DEFAULT_PORT,
				RabbitSupport.DEFAULT_MANAGEMENT_PORT);
		assertThat(hostPorts("kafka")).containsExactly(KafkaSupport.COMPOSE_PORT);
		assertThat(hostPorts("mariadb")).containsExactly(MariaDbSupport.DEFAULT_PORT);
	}

	@Test
	void everyServiceHasAHealthcheckAndANamedVolume() {
		services.forEach((name, service) -> {
			assertThat(service).as(name).containsKey("healthcheck");
			assertThat((List<?>) service.get("volumes")).as(name)
				.singleElement()
				.asString()
				.startsWith(name + "-data:");
		});
	}

	private static String image(String service) {
		return (String) services.get(service).get("image");
	}

	@SuppressWarnings("unchecked")
	private static List<Integer> hostPorts(String service) {
		return ((List<String>) services.get(service).get("ports")).stream()
			.map((mapping) -> mapping.split(":"))
			.map((parts) -> Integer.parseInt(parts[parts.length - 2]))
			.toList();
	}

}
