package dev.precinct.adapters.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Brings a PostgreSQL database's schema up to date with Flyway: Precinct's versioned SQL scripts
 * ({@code classpath:db/migration/V<n>__<description>.sql}) and those of any further locations an application
 * embedding Precinct adds for its own tables. One Flyway runs them all, in one version order, recorded in
 * Flyway's {@code flyway_schema_history}; applied versions are skipped, so migrating at every start-up is safe, and
 * processes that migrate the same database at once wait for each other (Flyway's PostgreSQL advisory lock).
 *
 * <p>Versions are one sequence across all locations: Precinct numbers its own below 1000, so an application's
 * start at 1000. Out-of-order migrations are allowed, so a Precinct release that brings V5 to a database where
 * V1000 is already applied applies V5 rather than refusing to start.
 *
 * <p>A database that the runner before Flyway migrated has a {@code precinct_schema_history} table and no
 * Flyway history: Flyway then records a baseline at that table's highest version and applies only what comes
 * after it. The old table is left as it is. A database that holds other tables but none of Precinct's history
 * gets a baseline at version 0, below every migration, so all of them still run.
 *
 * <p>Blocking; thread-safe.
 */
public final class SchemaMigrations {
    /** Where Precinct's own migrations are. */
    public static final String PRECINCT_LOCATION = "classpath:db/migration";
    // The table the runner before Flyway kept its history in.
    private static final String LEGACY_HISTORY = "precinct_schema_history";

    private SchemaMigrations() {
    }

    /** Applies Precinct's migrations that {@code dataSource}'s database lacks; see {@link #migrate(DataSource, List)}. */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, List.of());
    }

    /**
     * Applies the migrations of Precinct and of {@code additionalLocations} that {@code dataSource}'s database
     * lacks, in version order.
     *
     * @param additionalLocations Flyway locations of the embedding application's own migrations, such as
     *                            {@code classpath:db/dispatch}; each must exist
     * @return how many this call applied (0 when the schema was up to date)
     * @throws FlywayException when a location is missing, two migrations share a version, an applied migration
     *                         was changed, or a migration fails (that migration is rolled back; those before it
     *                         stay applied)
     */
    public static int migrate(DataSource dataSource, List<String> additionalLocations) {
        var locations = new ArrayList<String>();
        locations.add(PRECINCT_LOCATION);
        locations.addAll(additionalLocations);
        var found = Found.in(dataSource);
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(true)
                // the scripts run as written: a "${" in an application's SQL is not Flyway's to replace
                .placeholderReplacement(false)
                .outOfOrder(true)
                /* Decided here rather than left to Flyway: Flyway looks for its table, then for other objects, so a
                   second process migrating a fresh database at once could see the first one's new history table
                   as "other objects" and try to baseline it. A database that has no Flyway history now but
                   objects has them from before Precinct's first start, and every process sees that alike. */
                .baselineOnMigrate(!found.flywayHistory() && found.objects())
                .baselineVersion(Integer.toString(found.legacyVersion().orElse(0)))
                // Flyway writes the description into its SQL as it is: no quotes in it
                .baselineDescription(found.legacyVersion().isPresent()
                        ? "applied before Flyway as " + LEGACY_HISTORY + " records"
                        : "other objects before the first migration")
                .load();
        return flyway.migrate().migrationsExecuted;
    }

    /**
     * What the current schema held before this migration.
     *
     * @param flywayHistory whether Flyway's history table exists
     * @param objects       whether any table, view, sequence, type or function exists
     * @param legacyVersion the highest version the runner before Flyway recorded, if it ever migrated this database
     */
    private record Found(boolean flywayHistory, boolean objects, OptionalInt legacyVersion) {
        static Found in(DataSource dataSource) {
            try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                boolean flywayHistory;
                boolean objects;
                boolean legacy;
                try (var found = statement.executeQuery("""
                        SELECT to_regclass('flyway_schema_history') IS NOT NULL,
                               EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = current_schema()::regnamespace)
                               OR EXISTS (SELECT 1 FROM pg_proc WHERE pronamespace = current_schema()::regnamespace)
                               OR EXISTS (SELECT 1 FROM pg_type WHERE typnamespace = current_schema()::regnamespace
                                                                  AND typtype IN ('d', 'e', 'r', 'm')),
                               to_regclass('%s') IS NOT NULL""".formatted(LEGACY_HISTORY))) {
                    found.next();
                    flywayHistory = found.getBoolean(1);
                    objects = found.getBoolean(2);
                    legacy = found.getBoolean(3);
                }
                if (!legacy) return new Found(flywayHistory, objects, OptionalInt.empty());
                try (var highest = statement.executeQuery("SELECT max(version) FROM " + LEGACY_HISTORY)) {
                    highest.next();
                    int version = highest.getInt(1);
                    return new Found(flywayHistory, objects,
                            highest.wasNull() ? OptionalInt.empty() : OptionalInt.of(version));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read what the database holds before migrating it", e);
            }
        }
    }
}
