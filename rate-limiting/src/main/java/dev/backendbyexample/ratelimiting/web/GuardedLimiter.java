package dev.backendbyexample.ratelimiting.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.backendbyexample.ratelimiting.algorithm.Decision;
import dev.backendbyexample.ratelimiting.web.RateLimitProperties.OnOutage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Asks a route's limiter through the circuit breaker, applies the route's outage rule
 * when Redis cannot answer, and counts every outcome.
 */
class GuardedLimiter {

	private static final Log logger = LogFactory.getLog(GuardedLimiter.class);

	/** One warning per interval: an outage must not flood the log at request rate. */
	private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final CircuitBreaker breaker;

	private final Duration openFor;

	private final MeterRegistry meters;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

	GuardedLimiter(CircuitBreaker breaker, Duration openFor, MeterRegistry meters) {
		this.breaker = breaker;
		this.openFor = openFor;
		this.meters = meters;
	}

	/**
	 * The decision for one request, or {@code null} when Redis could not answer and the
	 * route fails open.
	 * @throws RateLimiterUnavailable when Redis could not answer and the route fails
	 * closed
	 */
	@Nullable Decision decide(LimitedRoute route, String client) {
		long start = System.nanoTime();
		try {
			// While the circuit is open this throws at once: an outage costs one timeout,
			// not one per request.
			Decision decision = this.breaker.executeSupplier(() -> route.limiter().tryAcquire(client));
			count(route, decision.allowed() ? "allowed" : "rejected");
			return decision;
		}
		catch (IllegalArgumentException ex) {
			throw ex; // a bug in the caller, not an outage
		}
		catch (RuntimeException ex) {
			warnOncePerInterval(route, ex);
			if (route.onOutage() == OnOutage.FAIL_CLOSED) {
				count(route, "failed_closed");
				throw new RateLimiterUnavailable(route, this.openFor, ex);
			}
			count(route, "failed_open");
			return null;
		}
		finally {
			Timer.builder("rate.limit.decision")
				.description("Time to decide one request, Redis round trip included")
				.tags("policy", route.name(), "algorithm", route.limiter().algorithm().id())
				.register(this.meters)
				.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

	private void count(LimitedRoute route, String outcome) {
		this.meters
			.counter("rate.limit.decisions", "policy", route.name(), "algorithm", route.limiter().algorithm().id(),
					"outcome", outcome)
			.increment();
	}

	private void warnOncePerInterval(LimitedRoute route, RuntimeException ex) {
		long last = this.lastWarning.get();
		long now = System.nanoTime();
		if (now - last >= WARN_INTERVAL_NANOS && this.lastWarning.compareAndSet(last, now)) {
			logger.warn("Rate limiter unavailable (circuit " + this.breaker.getState() + "), policy '" + route.name()
					+ "' fails " + ((route.onOutage() == OnOutage.FAIL_OPEN) ? "open" : "closed") + ": " + ex);
		}
	}

}
