package dev.backendbyexample.messaging.rabbitmq;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import dev.backendbyexample.testsupport.demo.Narrator;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Messages per second and publish-to-consume latency for persistent messages on one
 * queue, Spring AMQP next to RabbitMQ's own PerfTest (a child JVM, same flags, same
 * broker, same virtual host, one cell after the other):
 * <ul>
 * <li>publish: one publisher, no consumer, confirms on (100 outstanding) and off;</li>
 * <li>consume: one publisher without confirms, 1 or 4 consumers with prefetch 1 or 250,
 * acking each message; the consumers are the bottleneck, so latency is measured under
 * saturation (it grows with the backlog).</li>
 * </ul>
 * Arguments (all optional): {@code --duration=5s --size=1000 --queue-types=quorum,classic
 * --prefetch=1,250 --consumers=1,4 --perf-test=true}; an unknown name is refused.
 */
public final class RabbitMessagingBenchmark {

	static final int CONFIRM_WINDOW = 100;

	private static final Pattern SENT = Pattern.compile("sending rate avg: (\\d+) msg/s");

	private static final Pattern RECEIVED = Pattern.compile("receiving rate avg: (\\d+) msg/s");

	private static final Pattern LATENCY = Pattern
		.compile("consumer latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) µs");

	private RabbitMessagingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try {
			run(args, System.out);
		}
		catch (BenchmarkArguments.Invalid ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
		System.exit(0);
	}

	static void run(String[] args, PrintStream out) throws Exception {
		BenchmarkArguments arguments = BenchmarkArguments.parse(args, "--duration=5s", "--size=1000",
				"--queue-types=quorum,classic", "--prefetch=1,250", "--consumers=1,4", "--perf-test=true");
		Duration duration = arguments.duration("duration");
		int size = arguments.positive("size");
		List<String> types = arguments.list("queue-types");
		for (String type : types) {
			if (!type.equals("quorum") && !type.equals("classic")) {
				throw arguments.invalid("queue-types", "a list of quorum, classic");
			}
		}
		List<Integer> prefetches = arguments.positives("prefetch");
		List<Integer> consumerCounts = arguments.positives("consumers");
		boolean perfTest = arguments.flag("perf-test");
		try (ConfigurableApplicationContext context = SpringApplication.from(RabbitMessagingApplication::main)
			.with(RabbitMessagingServices.class)
			.run("--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
					"--logging.level.root=WARN", "--spring.rabbitmq.listener.simple.auto-startup=false")
			.getApplicationContext()) {
			Broker broker = new Broker(context.getBean(RabbitConnectionDetails.class));
			Narrator narrator = Narrator.recording();
			narrator.title("RabbitMQ " + size + "-byte persistent messages, " + duration.toMillis() + " ms per cell, "
					+ Runtime.getRuntime().availableProcessors() + " cores; Spring AMQP next to PerfTest");
			List<List<String>> rows = new ArrayList<>();
			List<String> goals = new ArrayList<>();
			for (String type : types) {
				for (boolean confirms : List.of(true, false)) {
					Result spring = broker.publishWithSpring(type, confirms, size, duration);
					rows.add(row("publish", type, confirms ? "on" : "off", "-", "0", "Spring AMQP", spring));
					out.println("   measured: " + String.join(" | ", rows.getLast()));
					if (perfTest) {
						Result peer = broker.perfTest(type, confirms, 0, 0, size, duration);
						rows.add(row("publish", type, confirms ? "on" : "off", "-", "0", "PerfTest", peer));
						out.println("   measured: " + String.join(" | ", rows.getLast()));
						if (confirms) {
							goals.add(goal("publisher with confirms, " + type, spring, peer));
						}
					}
				}
				for (int prefetch : prefetches) {
					for (int consumers : consumerCounts) {
						Result spring = broker.consumeWithSpring(type, prefetch, consumers, size, duration);
						rows.add(row("consume", type, "off", String.valueOf(prefetch), String.valueOf(consumers),
								"Spring AMQP", spring));
						out.println("   measured: " + String.join(" | ", rows.getLast()));
						if (perfTest) {
							Result peer = broker.perfTest(type, false, prefetch, consumers, size, duration);
							rows.add(row("consume", type, "off", String.valueOf(prefetch), String.valueOf(consumers),
									"PerfTest", peer));
							out.println("   measured: " + String.join(" | ", rows.getLast()));
							if (prefetch == 250) {
								goals.add(goal("consumers, prefetch 250, " + consumers + " consumer(s), " + type,
										spring, peer));
							}
						}
					}
				}
			}
			narrator.table(List.of("cell", "queue", "confirms", "prefetch", "consumers", "client", "msg/s", "p50 ms",
					"p99 ms"), rows);
			goals.forEach(narrator::say);
			out.print(narrator.transcript());
		}
	}

	private static List<String> row(String cell, String type, String confirms, String prefetch, String consumers,
			String client, Result result) {
		return List.of(cell, type, confirms, prefetch, consumers, client,
				String.format(Locale.ROOT, "%.0f", result.perSecond()), millis(result.p50Micros()),
				millis(result.p99Micros()));
	}

	private static String millis(long micros) {
		return (micros < 0) ? "-" : String.format(Locale.ROOT, "%.1f", micros / 1000.0);
	}

	private static String goal(String what, Result spring, Result peer) {
		double ratio = spring.perSecond() / Math.max(1, peer.perSecond());
		return String.format(Locale.ROOT, "goal %s: Spring AMQP %.0f msg/s = %.2f × PerfTest (goal ≥ 0.7: %s)", what,
				spring.perSecond(), ratio, (ratio >= 0.7) ? "met" : "NOT met");
	}

	/** Messages per second, and latency percentiles in µs (-1 when not measured). */
	record Result(double perSecond, long p50Micros, long p99Micros) {

	}

	/** The broker in this run's virtual host, and a queue per cell. */
	static final class Broker {

		private final RabbitConnectionDetails details;

		private final RabbitConnectionDetails.Address address;

		Broker(RabbitConnectionDetails details) {
			this.details = details;
			this.address = details.getFirstAddress();
		}

		private CachingConnectionFactory connectionFactory(boolean confirms) {
			CachingConnectionFactory factory = new CachingConnectionFactory(this.address.host(), this.address.port());
			factory.setUsername(this.details.getUsername());
			factory.setPassword(this.details.getPassword());
			factory.setVirtualHost(this.details.getVirtualHost());
			factory.setPublisherConfirmType(confirms ? CachingConnectionFactory.ConfirmType.CORRELATED
					: CachingConnectionFactory.ConfirmType.NONE);
			return factory;
		}

		/** A fresh, empty queue of this type. */
		private String queue(CachingConnectionFactory factory, String type) {
			RabbitAdmin admin = new RabbitAdmin(factory);
			String name = "bench-" + type;
			admin.deleteQueue(name);
			admin.declareQueue(type.equals("quorum") ? QueueBuilder.durable(name).quorum().build()
					: QueueBuilder.durable(name).classic().build());
			return name;
		}

		Result publishWithSpring(String type, boolean confirms, int size, Duration duration) {
			CachingConnectionFactory factory = connectionFactory(confirms);
			try {
				String queue = queue(factory, type);
				RabbitTemplate template = new RabbitTemplate(factory);
				ConfirmingPublisher publisher = new ConfirmingPublisher(template);
				long end = System.nanoTime() + duration.toNanos();
				long start = System.nanoTime();
				long published = 0;
				while (System.nanoTime() < end) {
					List<ConfirmingPublisher.Outgoing> batch = new ArrayList<>(CONFIRM_WINDOW);
					for (int i = 0; i < CONFIRM_WINDOW; i++) {
						batch.add(new ConfirmingPublisher.Outgoing(String.valueOf(published + i), "", queue,
								message(size)));
					}
					if (confirms) {
						published += publisher.publish(batch, Duration.ofSeconds(30))
							.values()
							.stream()
							.filter((o) -> o.status() == ConfirmingPublisher.Status.CONFIRMED)
							.count();
					}
					else {
						template.invoke((operations) -> {
							batch.forEach((m) -> operations.send(m.exchange(), m.routingKey(), m.message()));
							return null;
						});
						published += batch.size();
					}
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				new RabbitAdmin(factory).deleteQueue(queue);
				return new Result(published / seconds, -1, -1);
			}
			finally {
				factory.destroy();
			}
		}

		Result consumeWithSpring(String type, int prefetch, int consumers, int size, Duration duration)
				throws InterruptedException {
			CachingConnectionFactory factory = connectionFactory(false);
			SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(factory);
			try {
				String queue = queue(factory, type);
				AtomicInteger consumed = new AtomicInteger();
				AtomicBoolean measuring = new AtomicBoolean(true);
				long[] latencies = new long[4_000_000];
				container.setQueueNames(queue);
				container.setConcurrentConsumers(consumers);
				container.setPrefetchCount(prefetch);
				container.setAcknowledgeMode(AcknowledgeMode.AUTO);
				container.setMessageListener((MessageListener) (message) -> {
					if (measuring.get()) {
						long sent = ByteBuffer.wrap(message.getBody()).getLong();
						int n = consumed.getAndIncrement();
						if (n < latencies.length) {
							latencies[n] = (System.nanoTime() - sent) / 1000;
						}
					}
				});
				container.start();
				RabbitTemplate template = new RabbitTemplate(factory);
				AtomicBoolean publishing = new AtomicBoolean(true);
				Thread publisher = Thread.ofPlatform().name("bench-publisher").start(() -> {
					while (publishing.get()) {
						template.invoke((operations) -> {
							for (int i = 0; i < CONFIRM_WINDOW; i++) {
								operations.send("", queue, message(size));
							}
							return null;
						});
					}
				});
				long start = System.nanoTime();
				// The measurement window itself, not a wait for a state: the rate divides
				// by the time measured around it.
				Thread.sleep(duration.toMillis());
				measuring.set(false);
				double seconds = (System.nanoTime() - start) / 1e9;
				publishing.set(false);
				publisher.join();
				int count = Math.min(consumed.get(), latencies.length);
				long[] sorted = Arrays.copyOf(latencies, count);
				Arrays.sort(sorted);
				container.stop();
				new RabbitAdmin(factory).deleteQueue(queue);
				return new Result(consumed.get() / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
			}
			finally {
				container.stop();
				factory.destroy();
			}
		}

		private static long percentile(long[] sorted, double p) {
			return (sorted.length == 0) ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
		}

		/** The body starts with the send time, as PerfTest's does. */
		private static Message message(int size) {
			byte[] body = new byte[size];
			ByteBuffer.wrap(body).putLong(System.nanoTime());
			return MessageBuilder.withBody(body).setDeliveryMode(MessageDeliveryMode.PERSISTENT).build();
		}

		/**
		 * PerfTest as a child JVM on this JVM's class path, on a queue this method
		 * declares (so both clients measure the same queue type): {@code -x 1 -y
		 * <consumers> -q <prefetch> -s <size> -f persistent [-c 100] -p -u <queue>}.
		 */
		Result perfTest(String type, boolean confirms, int prefetch, int consumers, int size, Duration duration)
				throws Exception {
			CachingConnectionFactory factory = connectionFactory(false);
			try {
				String queue = queue(factory, type);
				List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
						"-cp", System.getProperty("java.class.path"), "com.rabbitmq.perf.PerfTest", "--uri",
						"amqp://" + this.details.getUsername() + ":" + this.details.getPassword() + "@"
								+ this.address.host() + ":" + this.address.port() + "/" + this.details.getVirtualHost(),
						"-x", "1", "-y", String.valueOf(consumers), "-s", String.valueOf(size), "-f", "persistent",
						"-z", String.valueOf(Math.max(1, (duration.toMillis() + 999) / 1000)), "-p", "-u", queue));
				if (consumers > 0) {
					command.addAll(List.of("-q", String.valueOf(prefetch)));
				}
				if (confirms) {
					command.addAll(List.of("-c", String.valueOf(CONFIRM_WINDOW)));
				}
				Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
				StringBuilder output = new StringBuilder();
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					reader.lines().forEach((line) -> output.append(line).append('\n'));
				}
				if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
					throw new IllegalStateException("PerfTest failed:\n" + output);
				}
				new RabbitAdmin(factory).deleteQueue(queue);
				Matcher rate = ((consumers > 0) ? RECEIVED : SENT).matcher(output);
				if (!rate.find()) {
					throw new IllegalStateException("No rate in PerfTest's output:\n" + output);
				}
				Matcher latency = LATENCY.matcher(output);
				boolean measured = consumers > 0 && latency.find();
				return new Result(Double.parseDouble(rate.group(1)), measured ? Long.parseLong(latency.group(2)) : -1,
						measured ? Long.parseLong(latency.group(5)) : -1);
			}
			finally {
				factory.destroy();
			}
		}

	}

}
