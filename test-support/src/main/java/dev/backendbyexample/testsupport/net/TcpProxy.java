package dev.backendbyexample.testsupport.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small TCP proxy a test can cut and restore, to stage an outage of Redis, RabbitMQ or
 * any TCP server without touching the server: {@link #cut()} closes every connection and
 * refuses new ones, {@link #restore()} listens again on the same port. {@link #stall()}
 * is the nastier outage, a server that stops answering while the connection stays up (a
 * partition, a frozen host): bytes are held, not dropped, until {@link #resume()}.
 */
public final class TcpProxy implements AutoCloseable {

	private final int port;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile InetSocketAddress upstream;

	private volatile ServerSocket server;

	private final Object flow = new Object();

	private boolean stalled;

	private TcpProxy(int port) {
		this.port = port;
	}

	/**
	 * Listens on a free local port; where it forwards to is set later with {@link #to}.
	 */
	public static TcpProxy start() {
		try (ServerSocket probe = new ServerSocket(0)) {
			TcpProxy proxy = new TcpProxy(probe.getLocalPort());
			probe.close();
			proxy.restore();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	public TcpProxy to(String host, int port) {
		this.upstream = new InetSocketAddress(host, port);
		return this;
	}

	public synchronized void restore() {
		try {
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.server = listening;
			Thread.ofPlatform().daemon().name("proxy-accept").start(() -> accept(listening));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public synchronized void cut() {
		closeQuietly(this.server);
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	public void stall() {
		synchronized (this.flow) {
			this.stalled = true;
		}
	}

	public void resume() {
		synchronized (this.flow) {
			this.stalled = false;
			this.flow.notifyAll();
		}
	}

	private void awaitFlowing() throws InterruptedException {
		synchronized (this.flow) {
			while (this.stalled) {
				this.flow.wait();
			}
		}
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			try {
				Socket client = listening.accept();
				Socket target = new Socket();
				target.connect(this.upstream, 2000);
				this.sockets.add(client);
				this.sockets.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				// closed by cut(), or upstream unreachable: the client sees a dropped
				// connection either way
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread.ofPlatform().daemon().name("proxy-pump").start(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					// Held after reading, so no chunk slips through a stall.
					awaitFlowing();
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		});
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (Exception ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		resume();
		cut();
	}

}
