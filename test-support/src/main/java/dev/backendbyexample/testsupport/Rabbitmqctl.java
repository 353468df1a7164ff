package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Virtual hosts through {@code rabbitmqctl}, the command line every RabbitMQ install has:
 * what a stock Debian {@code rabbitmq-server} without the management plugin offers. It
 * talks to the broker of the machine it runs on, and only a user who may read the
 * broker's Erlang cookie (root, or the {@code rabbitmq} user) is allowed to.
 */
final class Rabbitmqctl implements VirtualHostAdmin {

	/**
	 * The Erlang VM of each call starts in well under a second; a loaded machine is
	 * slower.
	 */
	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String where;

	private final Runner runner;

	private final @Nullable String refusal;

	private Rabbitmqctl(String where, Runner runner, @Nullable String refusal) {
		this.where = where;
		this.runner = runner;
		this.refusal = refusal;
	}

	/**
	 * The command on this machine (a name looked up on PATH, or a path); it can only
	 * stand in for a broker on this machine.
	 */
	static Rabbitmqctl onThisMachine(String command, String brokerHost) {
		String refusal = Reachability.isThisMachine(brokerHost) ? null
				: "it manages only the broker on this machine, and BBE_RABBITMQ_HOST is " + brokerHost;
		return new Rabbitmqctl("`" + command + "`", (arguments) -> runHere(command, arguments), refusal);
	}

	/** The command inside the broker's container. */
	static Rabbitmqctl inContainer(RabbitMQContainer container) {
		return new Rabbitmqctl("rabbitmqctl in container " + container.getContainerName(), (arguments) -> {
			List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
			command.addAll(arguments);
			ExecResult result = container.execInContainer(command.toArray(String[]::new));
			return new Result(result.getExitCode(), result.getStdout() + result.getStderr());
		}, null);
	}

	/** Why it cannot be used, or {@code null} when it can: it ran and was allowed to. */
	@Nullable String whyNotUsable() {
		if (this.refusal != null) {
			return this.refusal;
		}
		try {
			Result result = this.runner.run(List.of("-q", "list_vhosts", "name"));
			return (result.exitCode() == 0) ? null : this.where + " was refused: " + result.summary();
		}
		catch (IOException ex) {
			return this.where + " could not be run (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	@Override
	public void create(String virtualHost, String user) {
		run("add_vhost", virtualHost);
		run("set_permissions", "-p", virtualHost, user, ".*", ".*", ".*");
	}

	@Override
	public void delete(String virtualHost) {
		run("delete_vhost", virtualHost);
	}

	@Override
	public boolean exists(String virtualHost) {
		return run("list_vhosts", "name").output().lines().anyMatch(virtualHost::equals);
	}

	@Override
	public String describe() {
		return this.where;
	}

	private Result run(String... arguments) {
		List<String> command = new ArrayList<>(List.of("-q"));
		command.addAll(List.of(arguments));
		try {
			Result result = this.runner.run(command);
			if (result.exitCode() != 0) {
				throw new IllegalStateException(
						"RabbitMQ: " + this.where + " " + String.join(" ", arguments) + " failed: " + result.summary());
			}
			return result;
		}
		catch (IOException ex) {
			throw new IllegalStateException("RabbitMQ: " + this.where + " could not be run: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * Runs the command with its output in a file, so a command that hangs is given up
	 * after {@link #TIMEOUT} instead of blocking a read forever.
	 */
	private static Result runHere(String executable, List<String> arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(executable));
		command.addAll(arguments);
		Path output = Files.createTempFile("bbe-rabbitmqctl", ".out");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException("no answer within " + TIMEOUT.toSeconds() + " s");
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	@FunctionalInterface
	interface Runner {

		Result run(List<String> arguments) throws IOException, InterruptedException;

	}

	record Result(int exitCode, String output) {

		/** The exit code and the first line that says something. */
		String summary() {
			String said = this.output.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty())
				.findFirst()
				.orElse("");
			return "exit code " + this.exitCode + (said.isEmpty() ? "" : ", " + said);
		}

	}

}
