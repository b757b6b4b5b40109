package dev.precinct.bench.report;

import java.util.Locale;

/** A measured figure with its unit, printed the way the table shows it. */
public record Measurement(double value, Unit unit) {
    public enum Unit {
        MILLISECONDS("ms"), PER_SECOND("/s"), MEGABYTES("MB");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public static Measurement millis(double value) {
        return new Measurement(value, Unit.MILLISECONDS);
    }

    public static Measurement perSecond(double value) {
        return new Measurement(value, Unit.PER_SECOND);
    }

    public static Measurement megabytes(long bytes) {
        return new Measurement(bytes / (1024.0 * 1024.0), Unit.MEGABYTES);
    }

    /** Whether this is a real measurement: a finite number above zero. */
    public boolean isMeasured() {
        return Double.isFinite(value) && value > 0;
    }

    @Override
    public String toString() {
        if (!isMeasured()) return "not measured";
        return switch (unit) {
            case MILLISECONDS -> String.format(Locale.ROOT, value < 10 ? "%.2f ms" : value < 100 ? "%.1f ms" : "%.0f ms", value);
            case PER_SECOND -> String.format(Locale.ROOT, "%,.0f /s", value);
            case MEGABYTES -> String.format(Locale.ROOT, "%.0f MB", value);
        };
    }
}
