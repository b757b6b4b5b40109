package dev.precinct.core.view;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * How a read model is stored and served: as a {@link StoredView} (documents Precinct stores, in memory or in
 * PostgreSQL, with no SQL from the app) or through a {@link JdbcView} (the app's own tables, written in the
 * projection's transaction). Either way the edge serves {@code GET {path}/{idName}} when a path is given.
 *
 * @param <V> the view's row
 */
public sealed interface ViewStorage<V> permits StoredView, JdbcView {
    /** The read model stored. */
    ReadModel<V> model();

    /** The REST path of the read model's collection, e.g. {@code /api/v1/officers}; empty: not served over HTTP. */
    Optional<String> path();

    /** The name of the id in the path of a read by id, e.g. {@code badgeNumber}: {@code GET {path}/{badgeNumber}}. */
    String idName();

    /** Which ids can exist; a read of any other id answers "not found" without touching the store. */
    Predicate<String> validId();
}
