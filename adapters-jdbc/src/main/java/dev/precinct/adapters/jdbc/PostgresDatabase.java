package dev.precinct.adapters.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * Precinct's PostgreSQL database: a connection pool and the {@link Jdbi} over it, with the schema migrated
 * ({@link SchemaMigrations}, Flyway) by the time a constructor returns. Thread-safe. {@link #close()} closes the
 * pool this object built; a {@code DataSource} handed in stays the caller's to close.
 */
public final class PostgresDatabase implements AutoCloseable {
    /** The connections a pool built from a URL holds when no size is given. */
    public static final int DEFAULT_POOL_SIZE = 16;

    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);
    // A request waiting longer than this for a connection fails rather than piling up behind a stuck database.
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final int REACHABLE_TIMEOUT_SECONDS = 1;

    private final Jdbi jdbi;
    private final HikariDataSource ownedPool;

    /** Opens a pool of {@link #DEFAULT_POOL_SIZE} connections and migrates the schema. */
    public PostgresDatabase(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
    }

    /**
     * Opens a pool of {@code poolSize} connections to {@code jdbcUrl} and migrates the schema.
     *
     * @throws RuntimeException when the database cannot be reached or migrated; nothing is left open then
     */
    public PostgresDatabase(String jdbcUrl, String user, String password, int poolSize) {
        this(jdbcUrl, user, password, poolSize, List.of());
    }

    /**
     * Opens a pool of {@code poolSize} connections to {@code jdbcUrl} and migrates the schema: Precinct's tables
     * and those of {@code additionalMigrationLocations}, an embedding application's own Flyway locations (see
     * {@link SchemaMigrations#migrate(DataSource, List)}).
     *
     * @throws RuntimeException when the database cannot be reached or migrated; nothing is left open then
     */
    public PostgresDatabase(String jdbcUrl, String user, String password, int poolSize,
                            List<String> additionalMigrationLocations) {
        this(pool(jdbcUrl, user, password, poolSize), true, additionalMigrationLocations);
    }

    /**
     * Migrates the schema of {@code dataSource}'s database (with {@code additionalMigrationLocations}, as above)
     * and serves a {@code Jdbi} over it. The data source stays the caller's to close.
     */
    public PostgresDatabase(DataSource dataSource, List<String> additionalMigrationLocations) {
        this(dataSource, false, additionalMigrationLocations);
    }

    private PostgresDatabase(DataSource dataSource, boolean owned, List<String> additionalMigrationLocations) {
        this.jdbi = Jdbi.create(dataSource);
        this.ownedPool = owned ? (HikariDataSource) dataSource : null;
        try {
            SchemaMigrations.migrate(dataSource, additionalMigrationLocations);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password, int poolSize) {
        var config = new HikariConfig();
        config.setPoolName("precinct-postgres");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // The driver then sends a batch of inserts as multi-row statements: far fewer statements per commit.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    /** The database, for the adapters of this package. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Whether the database answers a trivial query, for readiness checks. Waits at most the pool's connection
     * timeout plus a second; never throws.
     */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1")
                    .setQueryTimeout(REACHABLE_TIMEOUT_SECONDS)
                    .mapTo(Integer.class)
                    .one() == 1);
        } catch (RuntimeException e) {
            log.debug("PostgreSQL is not reachable", e);
            return false;
        }
    }

    /** Closes the pool this object opened, if any. */
    @Override
    public void close() {
        if (ownedPool != null) ownedPool.close();
    }
}
