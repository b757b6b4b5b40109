package dev.precinct.core.view;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The app's own storage of a read model in PostgreSQL: it reads and writes the app's tables on the connection
 * Precinct hands it, inside the projection's transaction, so the rows commit together with the projection's
 * checkpoint and command outcomes, or not at all (exactly once, as Pekko Projections' exactly-once JDBC handler).
 * The tables come from the app's own migrations ({@link dev.precinct.core.domain.Domain#migrations}). Neither method
 * commits, rolls back or closes the connection. Called by one thread at a time per projection; implementations must
 * hold no state of their own.
 *
 * @param <V> the view's row
 */
public interface JdbcHandler<V> {
    /**
     * The tables it writes, which it alone writes: what a rebuild copies ({@code CREATE TABLE … (LIKE …)} into a
     * schema of its own) and switches. Statements must name them unqualified, so they resolve through the
     * connection's {@code search_path}.
     */
    List<String> tables();

    /** The rows of {@code ids} that exist, by id; read with as few statements as it can. */
    Map<String, V> load(Connection connection, Collection<String> ids) throws SQLException;

    /** Writes the rows (new or changed), by id; {@code rows} is never empty. */
    void write(Connection connection, Map<String, V> rows) throws SQLException;
}
