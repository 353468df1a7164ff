package dev.backendbyexample.messaging.rabbitmq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts {@link CrashingConsumer} as a separate JVM on this JVM's class path, joined to a
 * running instance's namespace; its output goes to {@code target/crashing-consumer.log}.
 */
final class ConsumerProcess {

	private ConsumerProcess() {
	}

	static Process start(String namespace, int stopAfter) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		Path log = Files.createDirectories(Path.of("target")).resolve("crashing-consumer.log");
		return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingConsumer.class.getName(),
				"--bbe.namespace=" + namespace, "--spring.main.web-application-type=none",
				"--spring.main.banner-mode=off", "--messaging.fulfilment-consumers=1",
				"--crash.stop-after=" + stopAfter)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

}
