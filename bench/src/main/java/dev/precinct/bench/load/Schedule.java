package dev.precinct.bench.load;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock of one load run, in {@link System#nanoTime()}: a warm-up from {@code start}, then the measuring window
 * {@code [measureFrom, end)}. Calls started before {@code measureFrom} are made but not counted.
 */
record Schedule(long start, long measureFrom, long end) {
    /** A run that starts a little after now, so that every thread is ready when it does. */
    static Schedule startingSoon(Duration warmUp, Duration measure) {
        long start = System.nanoTime() + Duration.ofMillis(20).toNanos();
        long measureFrom = start + warmUp.toNanos();
        return new Schedule(start, measureFrom, measureFrom + measure.toNanos());
    }

    boolean measures(long startedAt) {
        return startedAt >= measureFrom && startedAt < end;
    }

    Duration window() {
        return Duration.ofNanos(end - measureFrom);
    }

    /** A deadline past the end by which a run that fell behind gives up: the calls it did not make count as failed. */
    long giveUpAt() {
        return end + Math.max(end - measureFrom, Duration.ofSeconds(5).toNanos());
    }

    static void waitUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }
}
