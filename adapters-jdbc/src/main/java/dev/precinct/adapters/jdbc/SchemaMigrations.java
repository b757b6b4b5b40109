package dev.precinct.adapters.jdbc;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Brings a PostgreSQL database's schema up to date from the versioned SQL scripts on the classpath: the files
 * {@code db/migration/V<n>__<description>.sql} that {@code db/migration/index.txt} lists, one a line, in version
 * order from 1. Each missing version is applied in a transaction of its own and recorded in
 * {@code precinct_schema_history}; applied versions are skipped, so migrating at every start-up is safe.
 * Processes that migrate the same database at once wait for each other. Blocking; thread-safe.
 */
public final class SchemaMigrations {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
    private static final String LOCATION = "db/migration/";
    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]*)__(\\w+)\\.sql");
    // Any number works as long as every Precinct process uses the same one; advisory locks are per database.
    private static final long LOCK_KEY = 0x707265636e637431L;

    private record Migration(int version, String description, String sql) {
    }

    private SchemaMigrations() {
    }

    /**
     * Applies the migrations that {@code jdbi}'s database lacks, in version order.
     *
     * @return how many this call applied (0 when the schema was up to date)
     * @throws IllegalStateException when a migration resource is missing or misnumbered, or a migration fails
     *                               (that migration is rolled back; those before it stay applied)
     */
    public static int migrate(Jdbi jdbi) {
        int applied = 0;
        for (var migration : migrations()) {
            if (jdbi.inTransaction(handle -> apply(handle, migration))) applied++;
        }
        return applied;
    }

    private static boolean apply(Handle handle, Migration migration) {
        // Held until the transaction ends, so a second process sees this migration either whole or not at all.
        handle.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", LOCK_KEY).mapToMap().one();
        handle.execute("""
                CREATE TABLE IF NOT EXISTS precinct_schema_history (
                    version     int         PRIMARY KEY,
                    description text        NOT NULL,
                    applied_at  timestamptz NOT NULL
                )""");
        boolean present = handle.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM precinct_schema_history WHERE version = :version)")
                .bind("version", migration.version())
                .mapTo(Boolean.class)
                .one();
        if (present) return false;
        // A plain JDBC statement runs the script as the server parses it, dollar quotes and all.
        try (var statement = handle.getConnection().createStatement()) {
            statement.execute(migration.sql());
        } catch (SQLException e) {
            throw new IllegalStateException("schema migration V" + migration.version() + " failed", e);
        }
        handle.createUpdate("""
                        INSERT INTO precinct_schema_history (version, description, applied_at)
                        VALUES (:version, :description, now())""")
                .bind("version", migration.version())
                .bind("description", migration.description())
                .execute();
        log.info("Applied schema migration V{} ({})", migration.version(), migration.description());
        return true;
    }

    private static List<Migration> migrations() {
        var migrations = new ArrayList<Migration>();
        var fileNames = read(LOCATION + "index.txt").lines().map(String::strip).filter(line -> !line.isEmpty());
        for (var fileName : fileNames.toList()) {
            var name = FILE_NAME.matcher(fileName);
            if (!name.matches())
                throw new IllegalStateException("migration " + fileName + " is not named V<n>__<description>.sql");
            int version = Integer.parseInt(name.group(1));
            if (version != migrations.size() + 1)
                throw new IllegalStateException(
                        "migration " + fileName + " should be version " + (migrations.size() + 1));
            migrations.add(new Migration(version, name.group(2), read(LOCATION + fileName)));
        }
        return migrations;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing schema migration resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
