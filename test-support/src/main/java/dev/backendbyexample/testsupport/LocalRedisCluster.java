package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A Redis Cluster of its own: {@code masters} {@code redis-server} processes on free
 * local ports, each in cluster mode with no persistence, joined with
 * {@code redis-cli --cluster create} and no replicas. Nothing is shared with the
 * machine's Redis on 6379: own ports, own temporary directory, processes killed and
 * directory removed on {@link #close()} (or when the JVM exits, whichever comes first).
 * Needs {@code redis-server} and {@code redis-cli} on the PATH (Debian's
 * {@code redis-server} and {@code redis-tools}).
 */
public final class LocalRedisCluster implements AutoCloseable {

	/** The slowest step, slot agreement by gossip, takes about a second on two cores. */
	private static final Duration READY_WITHIN = Duration.ofSeconds(60);

	private static final String HOST = "127.0.0.1";

	private final Path directory;

	private final List<Integer> ports;

	private final List<Process> processes = new ArrayList<>();

	private final Thread killOnExit = new Thread(this::stop, "redis-cluster-stop");

	private Duration startedIn = Duration.ZERO;

	private LocalRedisCluster(Path directory, List<Integer> ports) {
		this.directory = directory;
		this.ports = ports;
	}

	/**
	 * Starts the servers, joins them and waits until every node reports
	 * {@code cluster_state:ok} with all 16384 slots assigned.
	 * @throws IllegalStateException when a server does not start or the cluster does not
	 * form within a minute; everything started so far is stopped first
	 */
	public static LocalRedisCluster start(int masters) {
		long begin = System.nanoTime();
		LocalRedisCluster cluster;
		try {
			Path directory = Files.createTempDirectory("bbe-redis-cluster-");
			cluster = new LocalRedisCluster(directory, freePorts(masters * 2));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
		try {
			for (int i = 0; i < masters; i++) {
				cluster.startNode(cluster.ports.get(2 * i), cluster.ports.get(2 * i + 1));
			}
			for (int port : cluster.ports()) {
				cluster.await(() -> "PONG".equals(command(port, "PING")), "redis-server on port " + port + " to start");
			}
			cluster.join();
			for (int port : cluster.ports()) {
				cluster.await(() -> isReady(port), "node " + port + " to report cluster_state:ok");
			}
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
		cluster.startedIn = Duration.ofNanos(System.nanoTime() - begin);
		return cluster;
	}

	/** The client ports, one per master. */
	public List<Integer> ports() {
		List<Integer> clientPorts = new ArrayList<>();
		for (int i = 0; i < this.ports.size(); i += 2) {
			clientPorts.add(this.ports.get(i));
		}
		return clientPorts;
	}

	/**
	 * The nodes as {@code spring.data.redis.cluster.nodes} wants them:
	 * {@code 127.0.0.1:7001,127.0.0.1:7002,…}.
	 */
	public String nodes() {
		return String.join(",", ports().stream().map((port) -> HOST + ":" + port).toList());
	}

	public String host() {
		return HOST;
	}

	/** From the first process started to every node agreeing on the slots. */
	public Duration startedIn() {
		return this.startedIn;
	}

	private void startNode(int port, int busPort) {
		Path log = this.directory.resolve("redis-" + port + ".log");
		ProcessBuilder builder = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", HOST,
				"--cluster-enabled", "yes", "--cluster-port", Integer.toString(busPort), "--cluster-config-file",
				"nodes-" + port + ".conf", "--dir", this.directory.toString(), "--save", "", "--appendonly", "no",
				"--daemonize", "no")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		try {
			this.processes.add(builder.start());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start redis-server (is it on the PATH? Debian: apt-get install "
					+ "redis-server): " + ex.getMessage(), ex);
		}
	}

	private void join() {
		List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
		ports().forEach((port) -> command.add(HOST + ":" + port));
		command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		Path log = this.directory.resolve("cluster-create.log");
		try {
			Process create = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!create.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
				create.destroyForcibly();
				throw new IllegalStateException("redis-cli --cluster create did not finish within " + READY_WITHIN);
			}
			if (create.exitValue() != 0) {
				throw new IllegalStateException("redis-cli --cluster create failed (exit " + create.exitValue() + "): "
						+ Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run redis-cli (is it on the PATH? Debian: apt-get install "
					+ "redis-tools): " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the cluster", ex);
		}
	}

	private static boolean isReady(int port) {
		String info = command(port, "CLUSTER INFO");
		return info != null && info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384");
	}

	/** Polls a state, bounded: a cluster that does not form fails the caller. */
	private void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + READY_WITHIN.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Timed out after " + READY_WITHIN + " waiting for " + what + "; logs in " + this.directory);
			}
			for (Process process : this.processes) {
				if (!process.isAlive()) {
					throw new IllegalStateException("A redis-server exited (code " + process.exitValue()
							+ ") while waiting for " + what + "; logs in " + this.directory);
				}
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + what, ex);
			}
		}
	}

	/**
	 * One inline command over a plain socket and its reply as text, or {@code null} if
	 * nothing answered: enough to probe a node without a client library.
	 */
	static @Nullable String command(int port, String command) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port), 1000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String first = readLine(in);
			if (first.startsWith("+")) {
				return first.substring(1);
			}
			if (first.startsWith("$")) {
				int length = Integer.parseInt(first.substring(1));
				return (length < 0) ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	/**
	 * Free ports, all held open at once so none is handed out twice, then released for
	 * the servers. Each node needs two: clients and the cluster bus.
	 */
	private static List<Integer> freePorts(int count) throws IOException {
		List<ServerSocket> held = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				held.add(new ServerSocket(0));
			}
			return held.stream().map(ServerSocket::getLocalPort).toList();
		}
		finally {
			for (ServerSocket socket : held) {
				socket.close();
			}
		}
	}

	private synchronized void stop() {
		for (Process process : this.processes) {
			process.destroy();
		}
		for (Process process : this.processes) {
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		this.processes.clear();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// already gone
		}
	}

	/** The directory holding the servers' logs and cluster files. */
	public Path directory() {
		return this.directory;
	}

	/** Kills every server and removes the directory. */
	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down and runs the hook itself
		}
	}

}
