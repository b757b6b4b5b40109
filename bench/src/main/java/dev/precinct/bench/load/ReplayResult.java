package dev.precinct.bench.load;

import java.time.Duration;

/**
 * One replay of a topic from offset 0: how many events, how long from the first record read to the last one
 * applied (the rate's denominator), and how long from the start including joining the group and the first fetch.
 */
public record ReplayResult(long events, Duration sinceFirstRecord, Duration total) {
    public double perSecond() {
        return events / (sinceFirstRecord.toNanos() / 1e9);
    }
}
