package dev.backendbyexample.testsupport.demo;

/**
 * A compact latency histogram for the benchmarks: exact below 1 µs, about 1% precision
 * above, one per thread (no sharing on the hot path), merged at the end.
 */
public final class LatencyHistogram {

	private static final int LINEAR = 1024;

	private static final int SUB_BUCKETS = 128;

	private final long[] counts = new long[LINEAR + 54 * SUB_BUCKETS];

	private long total;

	public void record(long nanos) {
		this.counts[index(Math.max(0, nanos))]++;
		this.total++;
	}

	public void add(LatencyHistogram other) {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] += other.counts[i];
		}
		this.total += other.total;
	}

	public long total() {
		return this.total;
	}

	/**
	 * The latency in nanoseconds at or below which {@code percentile}% of calls finished.
	 */
	public long percentile(double percentile) {
		long rank = (long) Math.ceil(this.total * percentile / 100.0);
		long seen = 0;
		for (int i = 0; i < this.counts.length; i++) {
			seen += this.counts[i];
			if (seen >= rank && this.counts[i] > 0) {
				return value(i);
			}
		}
		return 0;
	}

	private static int index(long nanos) {
		if (nanos < LINEAR) {
			return (int) nanos;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(nanos);
		int mantissa = (int) ((nanos >> (exponent - 7)) & (SUB_BUCKETS - 1));
		return LINEAR + (exponent - 10) * SUB_BUCKETS + mantissa;
	}

	private static long value(int index) {
		if (index < LINEAR) {
			return index;
		}
		int exponent = (index - LINEAR) / SUB_BUCKETS + 10;
		int mantissa = (index - LINEAR) % SUB_BUCKETS;
		return (long) (SUB_BUCKETS + mantissa) << (exponent - 7);
	}

}
