package dev.precinct.bench.precinct;

/**
 * The memory of one Precinct JVM over a window: the most heap in use (just before a collection, or when sampled),
 * the largest live heap (just after a collection), the most heap committed, and the largest resident set.
 * Sizes in bytes; {@code collections} counts the GCs in the window.
 */
public record MemoryPeak(String role, long heapUsed, long heapLive, long heapCommitted, long resident, int collections) {
}
