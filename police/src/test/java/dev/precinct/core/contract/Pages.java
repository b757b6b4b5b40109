package dev.precinct.core.contract;

import dev.precinct.core.paging.Page;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads a keyset-paged list the way a client does: page after page, following each next cursor to the end. */
final class Pages {
    private Pages() {
    }

    /** Every item of the list from {@code cursor} (null: the first page) to its last page. */
    static <T> List<T> readAll(Function<String, Page<T>> list, String cursor) {
        var items = new ArrayList<T>();
        for (int pages = 0; pages < 1_000; pages++) {
            var page = list.apply(cursor);
            items.addAll(page.items());
            if (page.nextCursor() == null) return items;
            cursor = page.nextCursor();
        }
        throw new AssertionError("the list did not end after 1000 pages");
    }
}
