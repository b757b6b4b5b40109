package dev.precinct.adapters.jdbc;

import dev.precinct.core.paging.Cursor;
import dev.precinct.core.paging.Page;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pages in SQL, with the cursors and the order of core's in-memory queries, and the conversions of times
 * between Java and {@code timestamptz} that they rely on. Times are bound as UTC {@link OffsetDateTime}s (typed
 * {@code timestamptz}, so the JVM's time zone never takes part) and read back as such.
 */
final class Keysets {
    /** The earliest time a {@code timestamptz} holds. */
    static final Instant EARLIEST = LocalDateTime.of(-4713, 11, 24, 0, 0).toInstant(ZoneOffset.UTC);
    /** The latest time a {@code timestamptz} holds. */
    static final Instant LATEST = LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000).toInstant(ZoneOffset.UTC);

    private Keysets() {
    }

    /**
     * The sort key of a list shown newest first, ready to bind: rows come after it when
     * {@code (time, id) < (:time, :id)}.
     */
    record NewestFirst(Instant time, String id) {
        /** The cursor of the page that starts after a row with this time and id: the format of core's lists. */
        static String cursorOf(Instant time, String id) {
            return Cursor.encode(time.toString(), id);
        }

        /**
         * The key in {@code cursor}. A time finer than a microsecond (no stored row has one) becomes the next
         * microsecond with the smallest id, which keeps exactly the rows before it.
         *
         * @throws IllegalArgumentException when {@code cursor} is not a cursor of a newest-first list, or holds
         *                                  what no row of the database can: a time out of range, a NUL character
         */
        static NewestFirst ofCursor(String cursor) {
            var parts = Cursor.decode(cursor, 2);
            Instant time;
            try {
                time = Instant.parse(parts.get(0));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor of this list", e);
            }
            if (time.isBefore(EARLIEST) || time.isAfter(LATEST) || !storable(parts.get(1)))
                throw new IllegalArgumentException("not a cursor of this list");
            var micros = time.truncatedTo(ChronoUnit.MICROS);
            return micros.equals(time) ? new NewestFirst(time, parts.get(1))
                    : new NewestFirst(micros.plus(1, ChronoUnit.MICROS), "");
        }

        OffsetDateTime boundTime() {
            return utc(time);
        }
    }

    /**
     * The key in a cursor of a list in key order, such as {@code Cursor.encode(badgeNumber)}.
     *
     * @throws IllegalArgumentException when {@code cursor} is not one, or holds a NUL character (no key can)
     */
    static String ascendingKey(String cursor) {
        var key = Cursor.decode(cursor, 1).getFirst();
        if (!storable(key)) throw new IllegalArgumentException("not a cursor of this list");
        return key;
    }

    /**
     * Whether a text column can hold {@code text}: PostgreSQL's text has no NUL character, so a key or filter
     * value with one matches no row (and binding it would fail). True for null.
     */
    static boolean storable(String text) {
        return text == null || text.indexOf('\0') < 0;
    }

    /** The SQL clause that keeps the rows meeting all of {@code conditions}; empty when there are none. */
    static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * The page of {@code rows}, which were read in list order with a limit of {@code limit + 1}: the first
     * {@code limit}, and the cursor of the last of them when there are more.
     */
    static <V> Page<V> page(List<V> rows, int limit, Function<V, String> cursorOf) {
        if (rows.size() <= limit) return new Page<>(rows, null);
        var items = rows.subList(0, limit);
        return new Page<>(items, cursorOf.apply(items.getLast()));
    }

    /** {@code instant} as a {@code timestamptz} argument. */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The {@code timestamptz} in {@code column}; null when it is null. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        var time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
