package dev.precinct.bench.report;

import java.util.Locale;
import java.util.Optional;

/**
 * One line of the table: a figure of Precinct next to the same figure of its floor, measured in the same run.
 *
 * @param id       the row (P1 … P6) and the topology, e.g. {@code P1 all}
 * @param floor    empty when the row has no floor by design (P6) or the floor could not be measured
 * @param hasFloor whether the row is meant to have one
 * @param note     failures, rates and other facts of the measurement; empty when none
 */
public record Row(String id, String what, Measurement result, Optional<Measurement> floor, boolean hasFloor,
                  Target target, String note) {

    public static Row of(String id, String what, Measurement result, Measurement floor, Target target, String note) {
        return new Row(id, what, result, Optional.of(floor), true, target, note);
    }

    public static Row withoutFloor(String id, String what, Measurement result, Target target, String note) {
        return new Row(id, what, result, Optional.empty(), false, target, note);
    }

    /** Result over floor. */
    public Optional<Double> ratio() {
        return floor.filter(Measurement::isMeasured).map(f -> result.value() / f.value());
    }

    public Optional<Boolean> met() {
        return target.met(result, floor);
    }

    public String ratioText() {
        return ratio().map(r -> String.format(Locale.ROOT, "%.2f×", r)).orElse("–");
    }

    public String floorText() {
        return floor.map(Measurement::toString).orElse(hasFloor ? "not measured" : "–");
    }

    public String metText() {
        return met().map(yes -> yes ? "yes" : "NO").orElse("–");
    }
}
