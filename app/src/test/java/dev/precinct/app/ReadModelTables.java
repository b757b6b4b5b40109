package dev.precinct.app;

import dev.precinct.core.testing.TestServices;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The read side's tables of a Precinct database, read with plain JDBC as a foreign client would, to compare two
 * databases that projected the same log row by row, and to wait until a database's projections have read a log to
 * given end offsets.
 */
final class ReadModelTables {
    /** Every table the projections write, with the columns that order its rows (its primary key). */
    static final Map<String, String> ALL = orderedTables();
    /** The tables ProjectionOrderIT compares: the read models and the command outcomes. */
    static final List<String> READ_MODELS = List.of("precinct_view_officers", "precinct_view_incidents",
            "precinct_view_observations", "command_status");
    /** The projections, each reading the topic {@code precinct.<name>}. */
    static final List<String> PROJECTIONS = List.of("officers", "incidents", "observations");
    /**
     * Columns that say when a projector ran, not what it decided: {@code applied_at} and {@code parked_at} are the
     * projector's clock when it decided or parked the record (ProjectionEngine passes {@code clock.instant()}),
     * so a rebuild writes other values. Every other time column comes from the event ({@code ce_time}) or its data.
     */
    static final Set<String> WALL_CLOCK = Set.of("applied_at", "parked_at");

    private ReadModelTables() {
    }

    private static Map<String, String> orderedTables() {
        var tables = new LinkedHashMap<String, String>();
        tables.put("precinct_view_officers", "id");
        tables.put("precinct_view_incidents", "id");
        tables.put("precinct_view_observations", "id");
        tables.put("command_status", "correlation_id");
        tables.put("projection_checkpoints", "projection, topic, partition");
        tables.put("parked_events", "projection, topic, partition, \"offset\"");
        tables.put("projection_commands", "projection, command_id");
        return Collections.unmodifiableMap(tables);
    }

    /**
     * Every row of each of {@code tables} in primary-key order, each row its columns' values as text, without the
     * {@link #WALL_CLOCK} columns; a table named in {@code where} keeps only the rows that SQL condition accepts.
     */
    static Map<String, List<Map<String, String>>> rows(String database, Collection<String> tables,
                                                      Map<String, String> where) throws SQLException {
        var found = new LinkedHashMap<String, List<Map<String, String>>>();
        try (var connection = connect(database)) {
            for (var table : tables) {
                var order = ALL.get(table);
                if (order == null) throw new IllegalArgumentException("not a read-side table: " + table);
                var condition = where.containsKey(table) ? " WHERE " + where.get(table) : "";
                var rows = new ArrayList<Map<String, String>>();
                try (var result = connection.createStatement()
                        .executeQuery("SELECT * FROM " + table + condition + " ORDER BY " + order)) {
                    var columns = result.getMetaData();
                    while (result.next()) {
                        var row = new LinkedHashMap<String, String>();
                        for (int c = 1; c <= columns.getColumnCount(); c++)
                            if (!WALL_CLOCK.contains(columns.getColumnName(c)))
                                row.put(columns.getColumnName(c), text(result.getObject(c)));
                        rows.add(row);
                    }
                }
                found.put(table, rows);
            }
        }
        return found;
    }

    /** A column's value as text; bytes (a parked record's value and headers) by their content, not their identity. */
    private static String text(Object value) {
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value);
    }

    /** Every projection's checkpoints: the next offset it reads per partition of its topic. */
    static Map<String, Map<TopicPartition, Long>> checkpoints(String database) throws SQLException {
        try (var connection = connect(database);
             var result = connection.createStatement().executeQuery(
                     "SELECT projection, topic, partition, next_offset FROM projection_checkpoints")) {
            var checkpoints = new HashMap<String, Map<TopicPartition, Long>>();
            while (result.next())
                checkpoints.computeIfAbsent(result.getString(1), p -> new HashMap<>())
                        .put(new TopicPartition(result.getString(2), result.getInt(3)), result.getLong(4));
            return checkpoints;
        }
    }

    /** The sum of every checkpoint of every projection: how many records the database's projections have read. */
    static long recordsRead(String database) throws SQLException {
        return checkpoints(database).values().stream().flatMap(partitions -> partitions.values().stream())
                .mapToLong(Long::longValue).sum();
    }

    /** The end offsets of every projection's topic now, by projection. */
    static Map<String, Map<TopicPartition, Long>> endOffsets() {
        var ends = new LinkedHashMap<String, Map<TopicPartition, Long>>();
        for (var projection : PROJECTIONS) ends.put(projection, RealServices.endOffsets("precinct." + projection));
        return ends;
    }

    /** Waits until every partition's checkpoint in {@code database} has reached its offset in {@code ends}. */
    static void awaitCaughtUp(String database, Map<String, Map<TopicPartition, Long>> ends, Duration within)
            throws SQLException {
        var deadline = System.nanoTime() + within.toNanos();
        while (true) {
            var reached = checkpoints(database);
            if (caughtUp(reached, ends)) return;
            if (System.nanoTime() > deadline)
                throw new AssertionError("the projections did not catch up within " + within + ": " + reached
                        + " of " + ends);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static boolean caughtUp(Map<String, Map<TopicPartition, Long>> reached,
                                    Map<String, Map<TopicPartition, Long>> ends) {
        return ends.entrySet().stream().allMatch(projection -> projection.getValue().entrySet().stream()
                .allMatch(end -> reached.getOrDefault(projection.getKey(), Map.of())
                        .getOrDefault(end.getKey(), 0L) >= end.getValue()));
    }

    /** A plain JDBC connection to {@code database} as the test user. */
    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(database, credentials());
    }

    private static Properties credentials() {
        var properties = new Properties();
        properties.setProperty("user", TestServices.jdbcUser());
        properties.setProperty("password", TestServices.jdbcPassword());
        return properties;
    }
}
