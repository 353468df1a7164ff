package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

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
		String refusal = refusal(host, port);
		if (refusal != null) {
			throw new BackingServiceUnavailableException(service, host + ":" + port,
					"mode local, " + refusal + "; change the address with " + settingNames);
		}
	}

	/** Why the port does not answer, or {@code null} when it does. */
	static @Nullable String refusal(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
			return null;
		}
		catch (IOException ex) {
			return ex.getMessage();
		}
	}

	/** Whether the host is this machine: a loopback address or one of its interfaces. */
	static boolean isThisMachine(String host) {
		try {
			InetAddress address = InetAddress.getByName(host);
			return address.isLoopbackAddress() || address.isAnyLocalAddress()
					|| NetworkInterface.getByInetAddress(address) != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
