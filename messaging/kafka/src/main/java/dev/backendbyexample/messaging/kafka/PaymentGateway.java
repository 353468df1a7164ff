package dev.backendbyexample.messaging.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/**
 * A stand-in for a remote payment gateway, with the failures a real one has: it rejects a
 * non-positive amount, hangs on amounts of 10,000.00 and more (every time), and times out
 * once on orders whose id ends in "-flaky".
 */
@Component
public class PaymentGateway {

	static final long HANGS_FROM_CENTS = 1_000_000;

	private final Map<String, List<String>> attempts = new ConcurrentHashMap<>();

	private final Map<String, OrderEvent> charged = new ConcurrentHashMap<>();

	void charge(OrderEvent payment, String topic) {
		List<String> tries = this.attempts.computeIfAbsent(payment.orderId(), (key) -> new CopyOnWriteArrayList<>());
		tries.add(topic);
		if (payment.amountCents() <= 0) {
			throw new PaymentRejected(payment.orderId(), payment.amountCents());
		}
		if (payment.amountCents() >= HANGS_FROM_CENTS || (payment.orderId().endsWith("-flaky") && tries.size() == 1)) {
			throw new GatewayTimeout(payment.orderId());
		}
		this.charged.put(payment.orderId(), payment);
	}

	/**
	 * The topics the order's payment was attempted from, in order (main topic, retry
	 * topics).
	 */
	public List<String> attemptsOf(String orderId) {
		return List.copyOf(this.attempts.getOrDefault(orderId, List.of()));
	}

	/** Whether the order was charged. */
	public boolean charged(String orderId) {
		return this.charged.containsKey(orderId);
	}

}
