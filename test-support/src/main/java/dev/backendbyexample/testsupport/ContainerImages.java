package dev.backendbyexample.testsupport;

/**
 * The pinned images of containers mode; {@code docker-compose.yml} must name the same
 * ones.
 */
public final class ContainerImages {

	public static final String POSTGRES = "postgres:17.6";

	public static final String REDIS = "redis:7.4.5";

	public static final String RABBITMQ = "rabbitmq:4.1.4-management";

	public static final String MARIADB = "mariadb:10.11.11";

	public static final String KAFKA = "apache/kafka:4.2.1";

	private ContainerImages() {
	}

}
