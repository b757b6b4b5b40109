package dev.precinct.core.paging;

/**
 * Which page of a list query to read: at most {@code limit} items after {@code cursor} (null: the first page).
 * A cursor is opaque to clients: only the query that issued it reads it.
 */
public record PageRequest(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT)
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
