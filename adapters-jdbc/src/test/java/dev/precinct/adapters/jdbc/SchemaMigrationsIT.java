package dev.precinct.adapters.jdbc;

import dev.precinct.core.testing.TestServices;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flyway over Precinct's migrations: fresh databases, databases the runner before Flyway migrated, and apps' own. */
class SchemaMigrationsIT {
    private static final List<String> PRECINCT_VERSIONS = List.of("1", "2", "3", "4", "5", "6", "7");
    private static final String APP_LOCATION = "classpath:db/test-read-model";
    private static final String LATER_RELEASE_LOCATION = "classpath:db/test-later-release";

    private String jdbcUrl;

    @BeforeEach
    void createDatabase() {
        jdbcUrl = TestServices.freshDatabase();
    }

    @Test
    void aFreshDatabaseGetsEveryMigrationRecordedInFlywaysHistory() {
        int applied = SchemaMigrations.migrate(dataSource());

        assertEquals(PRECINCT_VERSIONS.size(), applied);
        assertEquals(PRECINCT_VERSIONS, appliedVersions());
        for (var table : List.of("projection_commands", "command_status", "projection_checkpoints",
                "idempotency_keys", "parked_events"))
            assertTrue(exists(table), table);
        assertFalse(exists("precinct_schema_history"), "a fresh database has no table of the runner before Flyway");
    }

    @Test
    void migratingTwiceIsANoOp() {
        SchemaMigrations.migrate(dataSource());
        var history = history();

        int applied = SchemaMigrations.migrate(dataSource());

        assertEquals(0, applied);
        assertEquals(history, history());
    }

    // a race shows only sometimes: a few rounds, each on a fresh database
    @RepeatedTest(3)
    void twoMigratorsOfAFreshDatabaseAtOnceApplyEachMigrationOnce() throws Exception {
        int applied = atOnce(() -> SchemaMigrations.migrate(dataSource()), () -> SchemaMigrations.migrate(dataSource()));

        assertEquals(PRECINCT_VERSIONS.size(), applied);
        assertEquals(PRECINCT_VERSIONS, appliedVersions());
    }

    @Test
    void aDatabaseTheOldRunnerMigratedIsBaselinedAtItsHighestVersionThenBroughtUpToDate() throws Exception {
        migrateTheOldWay(3);

        int applied = SchemaMigrations.migrate(dataSource());

        assertEquals(4, applied, "only V4 to V7 are newer than what the old runner applied");
        assertEquals(List.of("3", "4", "5", "6", "7"), appliedVersions());
        assertEquals("BASELINE", jdbi().withHandle(handle -> handle.createQuery(
                "SELECT type FROM flyway_schema_history WHERE version = '3'").mapTo(String.class).one()));
        assertTrue(exists("parked_events"), "V4's table");
        assertEquals(0, SchemaMigrations.migrate(dataSource()), "then up to date");
    }

    @RepeatedTest(3)
    void twoMigratorsOfADatabaseTheOldRunnerMigratedAtOnceBaselineItOnce() throws Exception {
        migrateTheOldWay(3);

        int applied = atOnce(() -> SchemaMigrations.migrate(dataSource()), () -> SchemaMigrations.migrate(dataSource()));

        assertEquals(4, applied);
        assertEquals(List.of("3", "4", "5", "6", "7"), appliedVersions());
    }

    @RepeatedTest(3)
    void twoMigratorsOfADatabaseWithOtherTablesAtOnceApplyEachMigrationOnce() throws Exception {
        jdbi().useHandle(handle -> handle.execute("CREATE TABLE someone_elses (id int PRIMARY KEY)"));

        int applied = atOnce(() -> SchemaMigrations.migrate(dataSource()), () -> SchemaMigrations.migrate(dataSource()));

        assertEquals(PRECINCT_VERSIONS.size(), applied);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7"), appliedVersions(), "a baseline below every migration");
    }

    @Test
    void aDatabaseWithOtherTablesStillGetsEveryMigration() {
        jdbi().useHandle(handle -> handle.execute("CREATE TABLE someone_elses (id int PRIMARY KEY)"));

        int applied = SchemaMigrations.migrate(dataSource());

        assertEquals(PRECINCT_VERSIONS.size(), applied);
        assertTrue(exists("projection_commands"));
    }

    @Test
    void anApplicationsOwnLocationIsMigratedBySameFlyway() {
        int applied = SchemaMigrations.migrate(dataSource(), List.of(APP_LOCATION));

        assertEquals(PRECINCT_VERSIONS.size() + 1, applied);
        assertTrue(exists("shift_board"));
        assertTrue(exists("projection_commands"));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "1000"), appliedVersions());
    }

    @Test
    void aLaterPrecinctMigrationNumberedBelowAnApplicationsAppliedOneIsStillApplied() {
        SchemaMigrations.migrate(dataSource(), List.of(APP_LOCATION));

        int applied = SchemaMigrations.migrate(dataSource(), List.of(APP_LOCATION, LATER_RELEASE_LOCATION));

        assertEquals(1, applied);
        assertTrue(exists("later_precinct_table"));
    }

    @Test
    void aMissingApplicationLocationStopsTheMigration() {
        assertThrows(FlywayException.class,
                () -> SchemaMigrations.migrate(dataSource(), List.of("classpath:db/no-such-location")));
    }

    @Test
    void postgresDatabaseMigratesTheApplicationsLocationsToo() {
        try (var database = new PostgresDatabase(jdbcUrl, TestServices.jdbcUser(), TestServices.jdbcPassword(), 2,
                List.of(APP_LOCATION))) {
            assertTrue(database.isReachable());
        }

        assertTrue(exists("shift_board"));
    }

    /** Connections of its own, opened per use, as a separate process has. */
    private DataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(TestServices.jdbcUser());
        dataSource.setPassword(TestServices.jdbcPassword());
        return dataSource;
    }

    private Jdbi jdbi() {
        return Jdbi.create(dataSource());
    }

    /** What the runner before Flyway left: versions 1 to {@code version} applied and recorded in its own table. */
    private void migrateTheOldWay(int version) throws IOException, SQLException {
        var scripts = List.of("V1__init.sql", "V2__incidents_and_observations.sql",
                "V3__idempotency_claim_tokens.sql", "V4__parked_events.sql");
        var jdbi = jdbi();
        jdbi.useHandle(handle -> handle.execute("""
                CREATE TABLE precinct_schema_history (
                    version     int         PRIMARY KEY,
                    description text        NOT NULL,
                    applied_at  timestamptz NOT NULL
                )"""));
        for (int v = 1; v <= version; v++) {
            var script = scripts.get(v - 1);
            String sql;
            try (var in = getClass().getClassLoader().getResourceAsStream("db/migration/" + script)) {
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int applied = v;
            jdbi.<SQLException>useTransaction(handle -> {
                try (var statement = handle.getConnection().createStatement()) {
                    statement.execute(sql);
                }
                handle.createUpdate("INSERT INTO precinct_schema_history VALUES (:version, :description, now())")
                        .bind("version", applied)
                        .bind("description", script)
                        .execute();
            });
        }
    }

    private static int atOnce(Callable<Integer> first, Callable<Integer> second) throws Exception {
        var start = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(2)) {
            var one = executor.submit(() -> {
                start.await();
                return first.call();
            });
            var other = executor.submit(() -> {
                start.await();
                return second.call();
            });
            start.countDown();
            return one.get() + other.get();
        }
    }

    /** The versions of Flyway's history, baseline included, in the order they were recorded. */
    private List<String> appliedVersions() {
        return jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL "
                                + "AND type <> 'SCHEMA' ORDER BY installed_rank")
                .mapTo(String.class)
                .list());
    }

    private List<String> history() {
        return jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT concat_ws(' ', installed_rank, version, checksum, installed_on) FROM flyway_schema_history ORDER BY installed_rank")
                .mapTo(String.class)
                .list());
    }

    private boolean exists(String table) {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT to_regclass(:table) IS NOT NULL")
                .bind("table", table)
                .mapTo(Boolean.class)
                .one());
    }
}
