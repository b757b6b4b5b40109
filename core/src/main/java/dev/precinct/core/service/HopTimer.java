package dev.precinct.core.service;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.Hop;
import dev.precinct.core.port.HopTimings;

import java.time.Duration;
import java.util.EnumMap;

/**
 * The time one command spends in each hop, summed over the hop's visits and recorded once the command's outcome
 * is known. One command, one thread at a time.
 */
final class HopTimer {
    private final HopTimings timings;
    private final String commandType;
    private final EnumMap<Hop, Long> nanos = new EnumMap<>(Hop.class);

    HopTimer(HopTimings timings, String commandType) {
        this.timings = timings;
        this.commandType = commandType;
    }

    /** A start time for {@link #stop}. */
    static long start() {
        return System.nanoTime();
    }

    /** Adds the time since {@code started} to {@code hop}. */
    void stop(Hop hop, long started) {
        nanos.merge(hop, System.nanoTime() - started, Long::sum);
    }

    /** Adds {@code took} nanoseconds, measured elsewhere, to {@code hop}. */
    void add(Hop hop, long took) {
        nanos.merge(hop, took, Long::sum);
    }

    /** Records every hop visited, under {@code outcome}. */
    void record(String outcome) {
        nanos.forEach((hop, took) -> timings.record(hop, commandType, outcome, Duration.ofNanos(took)));
    }

    /** The outcome label of {@code acceptance}: {@code accepted}, {@code rejected} or {@code failed}. */
    static String outcome(Acceptance acceptance) {
        return switch (acceptance) {
            case Acceptance.Accepted accepted -> "accepted";
            case Acceptance.Rejected rejected -> "rejected";
            case Acceptance.Failed failed -> "failed";
        };
    }
}
