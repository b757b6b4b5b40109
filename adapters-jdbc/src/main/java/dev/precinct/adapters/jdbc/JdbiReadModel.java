package dev.precinct.adapters.jdbc;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.domain.ProjectedView;
import dev.precinct.core.port.ProjectionCopies;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.port.RecordCodec;
import dev.precinct.core.view.JdbcView;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewQueries;
import org.jdbi.v3.core.Jdbi;

/**
 * One read model in PostgreSQL, whichever way its domain stores it: what its projection commits to (rows,
 * outcomes and checkpoints in one transaction), what queries read, and the fresh copies a rebuild fills.
 *
 * @param <V> the view's row
 */
public record JdbiReadModel<V>(ProjectionStore<V> store, ViewQueries<V> queries, ProjectionCopies<V> copies) {
    /**
     * The read model of {@code view} in {@code jdbi}'s database: a {@link StoredView}'s table is created (and
     * indexed) when missing; a {@link JdbcView}'s tables come from the app's migrations.
     *
     * @param codec   reads and writes a stored view's documents
     * @param records the event log's record format, in which parked records are kept; null: the store cannot park
     *                records (tests)
     */
    public static <V> JdbiReadModel<V> of(Jdbi jdbi, ProjectedView<V> view, JsonCodec codec, RecordCodec records) {
        var name = view.name();
        return switch (view.storage()) {
            case StoredView<V> stored -> {
                var table = JdbiStoredViewTable.create(jdbi, stored, codec);
                yield new JdbiReadModel<>(new JdbiProjectionStore<>(jdbi, name, table, records), table,
                        new JdbiProjectionCopies<>(jdbi, name, table, records));
            }
            case JdbcView<V> jdbc -> {
                var table = new JdbcHandlerTable<>(jdbi, jdbc.handler());
                yield new JdbiReadModel<>(new JdbiProjectionStore<>(jdbi, name, table, records), table,
                        new JdbiProjectionCopies<>(jdbi, name, table, records));
            }
        };
    }
}
