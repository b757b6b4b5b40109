package dev.precinct.core.memory;

import dev.precinct.core.command.Hop;
import dev.precinct.core.port.HopTimings;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link HopTimings} that keeps every sample, for tests. */
public final class InMemoryHopTimings implements HopTimings {
    /** One recorded duration. */
    public record Sample(Hop hop, String commandType, String outcome, Duration took) {
    }

    private final List<Sample> samples = new CopyOnWriteArrayList<>();

    @Override
    public void record(Hop hop, String commandType, String outcome, Duration took) {
        samples.add(new Sample(hop, commandType, outcome, took));
    }

    /** Every sample so far, in recording order. */
    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples of {@code hop}. */
    public List<Sample> samples(Hop hop) {
        return samples.stream().filter(sample -> sample.hop() == hop).toList();
    }
}
