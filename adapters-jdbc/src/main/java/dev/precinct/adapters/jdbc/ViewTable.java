package dev.precinct.adapters.jdbc;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The table of one read model, as {@link JdbiProjectionStore} reads and writes it: rows keyed by aggregate id.
 * Both methods run on the handle given, inside the caller's transaction if it has one; neither commits.
 * Implementations must be thread-safe; holding no state of their own is the simple way.
 *
 * @param <V> the read model's row
 */
public interface ViewTable<V> {
    /** The rows of {@code aggregateIds} that exist, by aggregate id, read with one query. */
    Map<String, V> load(Handle handle, Collection<String> aggregateIds);

    /**
     * The tables it writes, all of which it owns (no other read model writes them): what a rebuild copies and
     * switches ({@link JdbiProjectionCopies}). Their statements name them unqualified, so they resolve through the
     * connection's {@code search_path}.
     */
    List<String> tables();

    /** Inserts the rows, or replaces those that exist, as one batched statement. {@code rows} is not empty. */
    void upsert(Handle handle, Map<String, V> rows);
}
