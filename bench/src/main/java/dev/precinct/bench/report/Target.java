package dev.precinct.bench.report;

import java.util.Locale;
import java.util.Optional;

/** What a row should reach: a ratio to its floor, an absolute limit, or nothing (a row shown for information). */
public sealed interface Target {
    /** Whether {@code result} meets it; empty when the row has no target. */
    Optional<Boolean> met(Measurement result, Optional<Measurement> floor);

    /** Lower is better: at most {@code ratio} times the floor (latencies). */
    record RatioAtMost(double ratio) implements Target {
        @Override
        public Optional<Boolean> met(Measurement result, Optional<Measurement> floor) {
            return floor.map(f -> result.value() <= ratio * f.value());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "≤ %s× floor", trim(ratio));
        }
    }

    /** Higher is better: at least {@code ratio} times the floor (throughputs). */
    record RatioAtLeast(double ratio) implements Target {
        @Override
        public Optional<Boolean> met(Measurement result, Optional<Measurement> floor) {
            return floor.map(f -> result.value() >= ratio * f.value());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "≥ %s× floor", trim(ratio));
        }
    }

    /** At most {@code limit}, whatever the floor. */
    record AtMost(Measurement limit) implements Target {
        @Override
        public Optional<Boolean> met(Measurement result, Optional<Measurement> floor) {
            return Optional.of(result.value() <= limit.value());
        }

        @Override
        public String toString() {
            return "≤ " + limit;
        }
    }

    /** No target: shown for information. */
    record None() implements Target {
        @Override
        public Optional<Boolean> met(Measurement result, Optional<Measurement> floor) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "–";
        }
    }

    private static String trim(double ratio) {
        return ratio == Math.rint(ratio) ? Long.toString((long) ratio) : Double.toString(ratio);
    }
}
