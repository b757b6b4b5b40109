package dev.precinct.bench.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;

/**
 * What one load run measured: the latency of every successful call started in the measuring window (in
 * nanoseconds; for an open loop counted from the call's intended start), how many calls succeeded and failed in
 * that window, and how long the window was.
 *
 * @param firstFailure what went wrong first, or null when nothing did
 */
public record LoadResult(Histogram latencies, long completed, long failed, Duration window, String firstFailure) {
    /** Successful calls per second over the window. */
    public double perSecond() {
        return completed / (window.toNanos() / 1e9);
    }

    /** The latency at {@code percentile} (0–100), in milliseconds. */
    public double millisAt(double percentile) {
        return latencies.getValueAtPercentile(percentile) / 1e6;
    }
}
