package dev.precinct.adapters.jdbc;

import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.ProjectionCopies;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.port.RecordCodec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Copies of one projection's storage in PostgreSQL, in a schema of their own beside the live one.
 *
 * <p>A copy is the schema {@code precinct_rebuild_<projection>} holding empty tables made {@code LIKE} the live
 * ones (columns, collations, constraints, indexes): the projection's own tables ({@link ViewTable#tables()}) and
 * its own {@code projection_checkpoints}, {@code parked_events} and {@code command_status}, so that the copy's
 * engine decides every command afresh. The copy's {@link JdbiProjectionStore} runs the very statements of the live
 * one on connections whose {@code search_path} puts the copy's schema first.
 *
 * <p>The switch runs in the transaction that holds the live checkpoints ({@code SELECT … FOR UPDATE}, which the
 * live commits' fence waits for): the live tables move to a schema that is dropped at the end, the copy's move into
 * the live schema (with the live indexes' names), the projection's checkpoints and parked records are replaced by
 * the copy's, and the copy's command outcomes replace those that differ and add those that are missing. Queries
 * running meanwhile wait for the switch's table locks and then read the copy's tables; none fails.
 *
 * <p>One rebuild per projection runs at a time: a copy holds a session-level advisory lock on a connection of its
 * own until it is closed (or its process dies). Thread-safe; each copy is used by one thread.
 */
public final class JdbiProjectionCopies<V> implements ProjectionCopies<V> {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiProjectionCopies.class);
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern INDEX_NAME = Pattern.compile("INDEX \\S+ ON \\S+");
    private static final List<String> PER_PROJECTION = List.of("projection_checkpoints", "parked_events",
            "command_status", "projection_commands");

    private final Jdbi jdbi;
    private final String projectionName;
    private final ViewTable<V> table;
    private final RecordCodec records;

    /** @param records encodes and decodes the parked records, as for the live {@link JdbiProjectionStore} */
    public JdbiProjectionCopies(Jdbi jdbi, String projectionName, ViewTable<V> table, RecordCodec records) {
        this.jdbi = jdbi;
        this.projectionName = projectionName;
        this.table = table;
        this.records = records;
    }

    @Override
    public Copy<V> create() {
        // the copy's schema is named after the projection
        if (!PLAIN_NAME.matcher(projectionName).matches())
            throw new IllegalArgumentException("a projection to copy needs a plain lower-case name, not "
                    + projectionName);
        var control = jdbi.open();
        try {
            boolean claimed = control.createQuery("SELECT pg_try_advisory_lock(hashtext(:key))")
                    .bind("key", lockKey())
                    .mapTo(Boolean.class)
                    .one();
            if (!claimed)
                throw new IllegalStateException("a rebuild of projection " + projectionName
                        + " is running already, in another process");
            var live = control.createQuery("SELECT current_schema()").mapTo(String.class).one();
            var copy = new JdbiCopy(control, live);
            try {
                control.useTransaction(handle -> {
                    handle.execute("DROP SCHEMA IF EXISTS " + copy.schema + " CASCADE");
                    handle.execute("DROP SCHEMA IF EXISTS " + copy.retired + " CASCADE");
                    handle.execute("CREATE SCHEMA " + copy.schema);
                    for (var name : copiedTables())
                        handle.execute("CREATE TABLE " + copy.schema + "." + name + " (LIKE " + quote(live) + "."
                                + name + " INCLUDING ALL)");
                });
            } catch (RuntimeException e) {
                copy.close();
                throw e;
            }
            LOG.info("projection {}: an empty copy in schema {} for the rebuild", projectionName, copy.schema);
            return copy;
        } catch (RuntimeException e) {
            unlockAndClose(control);
            throw e;
        }
    }

    private List<String> copiedTables() {
        return Stream.concat(table.tables().stream(), PER_PROJECTION.stream()).toList();
    }

    private String lockKey() {
        return "precinct-rebuild:" + projectionName;
    }

    private void unlockAndClose(Handle control) {
        try {
            control.createQuery("SELECT pg_advisory_unlock(hashtext(:key))").bind("key", lockKey())
                    .mapTo(Boolean.class).one();
        } catch (RuntimeException e) {
            LOG.warn("projection {}: could not give up the rebuild's lock; it ends with the connection",
                    projectionName, e);
        } finally {
            control.close();
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** One copy, its control connection (the claim, the hold and the switch) and its store. */
    private final class JdbiCopy implements Copy<V> {
        private final Handle control;
        /** The live schema's name, and quoted for statements. */
        private final String liveName;
        private final String live;
        private final String schema = "precinct_rebuild_" + projectionName;
        private final String retired = "precinct_retired_" + projectionName;
        private final JdbiProjectionStore<V> store;
        private boolean switched;

        JdbiCopy(Handle control, String live) {
            this.control = control;
            this.liveName = live;
            this.live = quote(live);
            var copyJdbi = Jdbi.create(new SearchPathConnections(jdbi, schema + ", " + this.live));
            this.store = new JdbiProjectionStore<>(copyJdbi, projectionName, table, records);
        }

        @Override
        public ProjectionStore<V> store() {
            return store;
        }

        @Override
        public Map<TopicPartition, Long> holdLive() {
            control.begin();
            // a partition the live projection has not committed yet gets its row too, so that its first commit waits
            control.createUpdate("INSERT INTO " + live + ".projection_checkpoints (projection, topic, partition, "
                            + "next_offset) SELECT projection, topic, partition, 0 FROM " + schema
                            + ".projection_checkpoints WHERE projection = :projection ON CONFLICT DO NOTHING")
                    .bind("projection", projectionName)
                    .execute();
            return control.createQuery("SELECT topic, partition, next_offset FROM " + live
                            + ".projection_checkpoints WHERE projection = :projection FOR UPDATE")
                    .bind("projection", projectionName)
                    .map((rs, ctx) -> Map.entry(new TopicPartition(rs.getString("topic"), rs.getInt("partition")),
                            rs.getLong("next_offset")))
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        }

        @Override
        public void release() {
            if (control.isInTransaction()) control.rollback();
        }

        @Override
        public void switchOver() {
            if (!control.isInTransaction()) throw new IllegalStateException("switchOver() needs holdLive() first");
            control.execute("CREATE SCHEMA " + retired);
            for (var name : table.tables()) {
                var liveIndexes = indexes(liveName, name);
                control.execute("ALTER TABLE " + live + "." + name + " SET SCHEMA " + retired);
                var copyIndexes = indexes(schema, name);
                control.execute("ALTER TABLE " + schema + "." + name + " SET SCHEMA " + live);
                renameIndexes(copyIndexes, liveIndexes);
            }
            for (var name : List.of("projection_checkpoints", "parked_events", "projection_commands")) {
                control.createUpdate("DELETE FROM " + live + "." + name + " WHERE projection = :projection")
                        .bind("projection", projectionName).execute();
                control.createUpdate("INSERT INTO " + live + "." + name + " SELECT * FROM " + schema + "." + name
                        + " WHERE projection = :projection").bind("projection", projectionName).execute();
            }
            control.execute("UPDATE " + live + ".command_status s SET status = c.status, reason = c.reason, "
                    + "resource = c.resource, applied_at = c.applied_at FROM " + schema + ".command_status c "
                    + "WHERE s.correlation_id = c.correlation_id "
                    + "AND (s.status, s.reason) IS DISTINCT FROM (c.status, c.reason)");
            control.execute("INSERT INTO " + live + ".command_status SELECT * FROM " + schema
                    + ".command_status ON CONFLICT DO NOTHING");
            control.execute("DROP SCHEMA " + retired + " CASCADE");
            control.execute("DROP SCHEMA " + schema + " CASCADE");
            control.commit();
            switched = true;
            LOG.info("projection {}: the rebuilt copy is live", projectionName);
        }

        /** The indexes of one table: their names by their definitions without name and table. */
        private Map<String, String> indexes(String schemaName, String tableName) {
            var byDefinition = new HashMap<String, String>();
            control.createQuery("""
                            SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
                            FROM pg_index x
                            JOIN pg_class i ON i.oid = x.indexrelid
                            JOIN pg_class t ON t.oid = x.indrelid
                            JOIN pg_namespace n ON n.oid = t.relnamespace
                            WHERE n.nspname = :schema AND t.relname = :table""")
                    .bind("schema", schemaName)
                    .bind("table", tableName)
                    .map((rs, ctx) -> Map.entry(INDEX_NAME.matcher(rs.getString("definition")).replaceFirst("INDEX"),
                            rs.getString("name")))
                    .forEach(entry -> byDefinition.put(entry.getKey(), entry.getValue()));
            return byDefinition;
        }

        /** Gives the copy's indexes (now in the live schema) the names the live ones had, through unique names. */
        private void renameIndexes(Map<String, String> copyIndexes, Map<String, String> liveIndexes) {
            var renames = new HashMap<String, String>();
            int i = 0;
            for (var index : copyIndexes.entrySet()) {
                var wanted = liveIndexes.get(index.getKey());
                if (wanted == null || wanted.equals(index.getValue())) continue;
                var interim = "precinct_rebuild_index_" + i++;
                control.execute("ALTER INDEX " + live + "." + quote(index.getValue()) + " RENAME TO " + interim);
                renames.put(interim, wanted);
            }
            renames.forEach((interim, wanted) -> control.execute("ALTER INDEX " + live + "." + interim
                    + " RENAME TO " + quote(wanted)));
        }

        @Override
        public void close() {
            try {
                release();
                if (!switched) control.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (RuntimeException e) {
                LOG.warn("projection {}: could not drop the copy in schema {}; the next rebuild drops it",
                        projectionName, schema, e);
            } finally {
                unlockAndClose(control);
            }
        }
    }

    /**
     * Connections of the live pool with another {@code search_path} while the copy's store holds them, and the
     * default one again when they go back to the pool.
     */
    private static final class SearchPathConnections implements ConnectionFactory {
        private final Jdbi pool;
        private final String searchPath;
        private final Map<Connection, Handle> borrowed = new ConcurrentHashMap<>();

        SearchPathConnections(Jdbi pool, String searchPath) {
            this.pool = pool;
            this.searchPath = searchPath;
        }

        @Override
        public Connection openConnection() throws SQLException {
            var handle = pool.open();
            var connection = handle.getConnection();
            try (var statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + searchPath);
            } catch (SQLException | RuntimeException e) {
                handle.close();
                throw e;
            }
            borrowed.put(connection, handle);
            return connection;
        }

        @Override
        public void closeConnection(Connection connection) throws SQLException {
            var handle = borrowed.remove(connection);
            try (var statement = connection.createStatement()) {
                statement.execute("RESET search_path");
            } finally {
                if (handle != null) handle.close();
            }
        }
    }
}
