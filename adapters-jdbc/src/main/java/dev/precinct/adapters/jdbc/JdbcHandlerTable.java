package dev.precinct.adapters.jdbc;

import dev.precinct.core.view.JdbcHandler;
import dev.precinct.core.view.ViewQueries;
import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.view.ViewFilter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read model an app stores itself through a {@link JdbcHandler}: the handler reads and writes the app's tables
 * on the projection's connection, inside its transaction, so its rows commit with the checkpoint and the outcomes.
 * Rows by id are read through the handler too. Thread-safe when the handler is.
 */
final class JdbcHandlerTable<V> implements ViewTable<V>, ViewQueries<V> {
    private final Jdbi jdbi;
    private final JdbcHandler<V> handler;

    JdbcHandlerTable(Jdbi jdbi, JdbcHandler<V> handler) {
        this.jdbi = jdbi;
        this.handler = handler;
    }

    @Override
    public List<String> tables() {
        return handler.tables();
    }

    @Override
    public Map<String, V> load(Handle handle, Collection<String> ids) {
        try {
            return handler.load(handle.getConnection(), ids);
        } catch (SQLException e) {
            throw new IllegalStateException("the JDBC handler of " + handler.tables() + " could not read", e);
        }
    }

    @Override
    public void upsert(Handle handle, Map<String, V> rows) {
        try {
            handler.write(handle.getConnection(), rows);
        } catch (SQLException e) {
            throw new IllegalStateException("the JDBC handler of " + handler.tables() + " could not write", e);
        }
    }

    @Override
    public Optional<V> find(String id) {
        if (!Keysets.storable(id)) return Optional.empty();
        return Optional.ofNullable(jdbi.withHandle(handle -> load(handle, List.of(id))).get(id));
    }

    @Override
    public Page<V> list(ViewFilter filter, PageRequest page) {
        throw new UnsupportedOperationException("a read model stored by a JDBC handler is listed by the app's queries");
    }
}
