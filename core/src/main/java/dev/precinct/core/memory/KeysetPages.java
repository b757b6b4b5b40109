package dev.precinct.core.memory;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;

import java.util.Collection;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.Predicate;

/** Keyset paging over rows in memory, the way the database pages: sort, skip to after the cursor, take. */
final class KeysetPages {
    private KeysetPages() {
    }

    /**
     * @param afterCursor whether a row comes after the request's cursor in {@code order} (every row when none)
     * @param cursorOf    the cursor of a row: the page after it starts after it
     */
    static <V> Page<V> page(Collection<V> rows, Predicate<V> filter, Comparator<V> order, Predicate<V> afterCursor,
                            PageRequest request, Function<V, String> cursorOf) {
        var items = rows.stream().filter(filter).filter(afterCursor).sorted(order).limit(request.limit() + 1L).toList();
        if (items.size() <= request.limit()) return new Page<>(items, null);
        var page = items.subList(0, request.limit());
        return new Page<>(page, cursorOf.apply(page.getLast()));
    }
}
