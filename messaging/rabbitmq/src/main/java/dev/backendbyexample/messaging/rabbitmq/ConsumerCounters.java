package dev.backendbyexample.messaging.rabbitmq;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What this instance's consumers did with each delivery: applied it, recognised it as a
 * duplicate, scheduled a retry, dead-lettered it or requeued it. Also exported as the
 * Micrometer counter {@code messaging.deliveries}.
 */
@Component
class ConsumerCounters {

	static final String APPLIED = "applied";

	static final String DUPLICATE = "duplicate";

	static final String RETRIED = "retried";

	static final String DEAD_LETTERED = "dead-lettered";

	static final String REQUEUED = "requeued";

	private final MeterRegistry meters;

	private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

	ConsumerCounters(MeterRegistry meters) {
		this.meters = meters;
	}

	void count(String consumer, String outcome) {
		this.counts.computeIfAbsent(consumer, (name) -> new ConcurrentHashMap<>())
			.computeIfAbsent(outcome, (name) -> new LongAdder())
			.increment();
		this.meters.counter("messaging.deliveries", "consumer", consumer, "outcome", outcome).increment();
	}

	long get(String consumer, String outcome) {
		LongAdder adder = this.counts.getOrDefault(consumer, Map.of()).get(outcome);
		return (adder != null) ? adder.sum() : 0;
	}

	Map<String, Long> of(String consumer) {
		Map<String, Long> result = new TreeMap<>();
		for (String outcome : new String[] { APPLIED, DUPLICATE, RETRIED, DEAD_LETTERED, REQUEUED }) {
			result.put(outcome, get(consumer, outcome));
		}
		return result;
	}

}
