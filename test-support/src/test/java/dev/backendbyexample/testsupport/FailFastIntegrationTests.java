package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application started in local mode with PostgreSQL's port closed stops at once with
 * Spring Boot's short failure report: the service, the address and how to start it, no
 * stack trace. It runs in a JVM of its own because servers are resolved once per JVM.
 */
class FailFastIntegrationTests {

	@Test
	void startWithPostgresDownFailsWithAReportNotAStackTrace() throws Exception {
		int port = closedPort();
		ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), HarnessApplication.class.getName())
			.redirectErrorStream(true);
		builder.environment().put("BBE_SERVICES", "local");
		builder.environment().put("BBE_POSTGRES_PORT", Integer.toString(port));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("PostgreSQL is not reachable at 127.0.0.1:" + port)
			.contains("Start it with `docker compose up -d postgres`")
			.doesNotContain("\tat org.springframework");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
