package dev.precinct.core.view;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;

import java.util.Optional;

/**
 * Reads one read model: a row by id, and for a {@link StoredView} filtered lists in keyset pages, in the view's
 * {@link ViewOrder}. Rows come as queries return them (with {@link StoredView#readAs joins} applied). Blocking;
 * thread-safe; throws an unchecked exception when the store is unreachable.
 *
 * @param <V> the view's row
 */
public interface ViewQueries<V> {
    /** The row with id {@code id}, or empty. */
    Optional<V> find(String id);

    /**
     * The rows matching {@code filter}, one keyset page at a time. Throws {@link IllegalArgumentException} for a
     * cursor this list did not issue or a criterion on a field the view does not declare, and
     * {@link UnsupportedOperationException} for a read model that has no lists (a {@link JdbcView}).
     */
    Page<V> list(ViewFilter filter, PageRequest page);
}
