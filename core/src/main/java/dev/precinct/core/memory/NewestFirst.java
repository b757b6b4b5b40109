package dev.precinct.core.memory;

import dev.precinct.core.paging.Cursor;

import java.time.Instant;
import java.util.Comparator;

/** The sort key of lists shown newest first: a time, ties broken by id, both descending; and its cursor form. */
record NewestFirst(Instant time, String id) {
    static final Comparator<NewestFirst> ORDER =
            Comparator.comparing(NewestFirst::time).thenComparing(NewestFirst::id).reversed();

    static NewestFirst ofCursor(String cursor) {
        var parts = Cursor.decode(cursor, 2);
        try {
            return new NewestFirst(Instant.parse(parts.get(0)), parts.get(1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of this list", e);
        }
    }

    String cursor() {
        return Cursor.encode(time.toString(), id);
    }

    /** Whether this key comes after {@code other} in the list. */
    boolean after(NewestFirst other) {
        return ORDER.compare(this, other) > 0;
    }
}
