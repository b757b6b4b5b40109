package dev.precinct.core.paging;

import java.util.List;
import java.util.Objects;

/**
 * One page of a list query.
 *
 * @param nextCursor where the next page starts; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }
}
