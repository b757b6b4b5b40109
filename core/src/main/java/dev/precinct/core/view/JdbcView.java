package dev.precinct.core.view;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A read model written to the app's own tables by a {@link JdbcHandler}, in the projection's transaction. With no
 * database configured (the embedded mode) Precinct keeps its rows in memory instead, so the same domain runs in
 * both. Queries read rows by id ({@link ViewQueries#find}); lists over the app's tables are the app's own queries.
 *
 * @param <V> the view's row
 */
public record JdbcView<V>(ReadModel<V> model, Optional<String> path, String idName, Predicate<String> validId,
                          JdbcHandler<V> handler) implements ViewStorage<V> {
    public JdbcView {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(idName, "idName");
        Objects.requireNonNull(validId, "validId");
        Objects.requireNonNull(handler, "handler");
    }

    /** {@code model} written by {@code handler}, not served over HTTP. */
    public static <V> JdbcView<V> of(ReadModel<V> model, JdbcHandler<V> handler) {
        return new JdbcView<>(model, Optional.empty(), "id", id -> true, handler);
    }

    /** This view, served at {@code GET {path}/{idName}} for ids {@code validId} accepts. */
    public JdbcView<V> servedAt(String path, String idName, Predicate<String> validId) {
        return new JdbcView<>(model, Optional.of(path), idName, validId, handler);
    }
}
