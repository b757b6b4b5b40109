package dev.precinct.adapters.jdbc;

import dev.precinct.core.testing.TestServices;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaMigrationsIT {
    private String jdbcUrl;

    @BeforeEach
    void createDatabase() {
        jdbcUrl = TestServices.freshDatabase();
    }

    @Test
    void migrationCreatesTheTablesAndRecordsEachVersion() {
        var jdbi = connect();

        int applied = SchemaMigrations.migrate(jdbi);

        assertTrue(applied >= 1, "applied " + applied);
        assertEquals(applied, history(jdbi).size());
        for (var table : List.of("officers", "command_status", "projection_checkpoints", "idempotency_keys"))
            assertTrue(exists(jdbi, table), table);
    }

    @Test
    void migratingTwiceIsANoOp() {
        var jdbi = connect();
        SchemaMigrations.migrate(jdbi);
        var history = history(jdbi);

        int applied = SchemaMigrations.migrate(jdbi);

        assertEquals(0, applied);
        assertEquals(history, history(jdbi));
    }

    @Test
    void concurrentMigrationsOfAFreshDatabaseBothSucceed() throws Exception {
        var start = new CountDownLatch(1);

        int applied;
        try (var executor = Executors.newFixedThreadPool(2)) {
            var first = executor.submit(() -> {
                start.await();
                return SchemaMigrations.migrate(connect());
            });
            var second = executor.submit(() -> {
                start.await();
                return SchemaMigrations.migrate(connect());
            });
            start.countDown();
            applied = first.get() + second.get();
        }

        assertEquals(history(connect()).size(), applied);
    }

    /** Connections of their own, opened per use, as a separate process has. */
    private Jdbi connect() {
        return Jdbi.create(jdbcUrl, TestServices.jdbcUser(), TestServices.jdbcPassword());
    }

    private static List<Map<String, Object>> history(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT version, description, applied_at FROM precinct_schema_history ORDER BY version")
                .mapToMap()
                .list());
    }

    private static boolean exists(Jdbi jdbi, String table) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT to_regclass(:table) IS NOT NULL")
                .bind("table", table)
                .mapTo(Boolean.class)
                .one());
    }
}
