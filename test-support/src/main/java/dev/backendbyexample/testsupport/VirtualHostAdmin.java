package dev.backendbyexample.testsupport;

/**
 * Creates and deletes RabbitMQ virtual hosts, which AMQP itself cannot do: through the
 * management HTTP API ({@link RabbitManagementApi}) or the broker's own command line
 * ({@link Rabbitmqctl}).
 */
interface VirtualHostAdmin {

	/** Creates the virtual host and gives {@code user} every permission in it. */
	void create(String virtualHost, String user);

	/** Deletes the virtual host with every queue and exchange in it. */
	void delete(String virtualHost);

	boolean exists(String virtualHost);

	/** How it reaches the broker, for the start-up log line. */
	String describe();

}
