package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Fails fast, with a message a learner can act on, when a local service's port does not
 * answer.
 */
final class Reachability {

	/**
	 * Well under the 5 s promised for a clear failure, and far above a loopback connect.
	 */
	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private Reachability() {
	}

	static void require(Service service, String host, int port, String settingNames) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
		}
		catch (IOException ex) {
			throw new BackingServiceUnavailableException(service, host + ":" + port,
					"mode local, " + ex.getMessage() + "; change the address with " + settingNames);
		}
	}

}
