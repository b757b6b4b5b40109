package dev.precinct.core.view;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * The order of a stored view's lists, which is also its keyset: by id, or newest first by a time of the row (ties
 * by id, highest first). Pages start strictly after the last row of the page before, so rows written while a client
 * pages are neither repeated nor skipped.
 *
 * @param time the row's time for {@link #newestFirst}; null for {@link #byId}
 * @param <V>  the view's row
 */
public record ViewOrder<V>(Function<V, Instant> time) {
    /** Ascending by id. */
    public static <V> ViewOrder<V> byId() {
        return new ViewOrder<>(null);
    }

    /** Newest first by {@code time} (never null for a row), then by id, highest first. */
    public static <V> ViewOrder<V> newestFirst(Function<V, Instant> time) {
        return new ViewOrder<>(Objects.requireNonNull(time, "time"));
    }

    /** Whether this order is by time. */
    public boolean byTime() {
        return time != null;
    }

    /** The row's time in this order; null when the order is by id. */
    public Instant timeOf(V row) {
        return time == null ? null : time.apply(row);
    }
}
