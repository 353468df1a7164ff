package dev.backendbyexample.testsupport;

/**
 * A backing service a module can ask for, with what a learner needs to start it when it
 * is down.
 */
public enum Service {

	POSTGRES("PostgreSQL", "docker compose up -d postgres",
			"sudo apt-get install -y postgresql && sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"),

	REDIS("Redis", "docker compose up -d redis",
			"sudo apt-get install -y redis-server && redis-server --daemonize yes --bind 127.0.0.1 --port 6379"),

	RABBITMQ("RabbitMQ", "docker compose up -d rabbitmq",
			"sudo apt-get install -y rabbitmq-server && sudo rabbitmq-server -detached && sudo rabbitmq-plugins enable rabbitmq_management"),

	/**
	 * A second SQL database for comparisons; it gets a database of its own but no
	 * {@code ConnectionDetails}, so it never competes with PostgreSQL for the DataSource.
	 */
	MARIADB("MariaDB", "docker compose up -d mariadb",
			"sudo apt-get install -y mariadb-server && sudo start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"),

	/** Kafka needs no server in local mode: a KRaft broker starts inside the JVM. */
	KAFKA("Kafka", "docker compose up -d kafka", "unset BBE_KAFKA_BOOTSTRAP to use the in-JVM KRaft broker");

	private final String displayName;

	private final String composeCommand;

	private final String machineCommand;

	Service(String displayName, String composeCommand, String machineCommand) {
		this.displayName = displayName;
		this.composeCommand = composeCommand;
		this.machineCommand = machineCommand;
	}

	public String displayName() {
		return this.displayName;
	}

	String howToStart() {
		return "Start it with `" + this.composeCommand + "`, or on Debian/Ubuntu: `" + this.machineCommand + "`.";
	}

}
