package dev.precinct.bench.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The NATS, Kafka and PostgreSQL servers of the run, as {@code scripts/with-services} (and so {@code scripts/test}
 * and {@code scripts/bench}) exports them in the {@code PRECINCT_TEST_*} variables. Databases the benchmark creates
 * carry its run id, so that runs and other tests on the same server never share one.
 */
public record Services(String natsUrl, String kafkaBootstrap, String jdbcUrl, String jdbcUser, String jdbcPassword) {

    public static Services fromEnvironment(Map<String, String> environment) {
        return new Services(required(environment, "PRECINCT_TEST_NATS_URL"),
                required(environment, "PRECINCT_TEST_KAFKA_BOOTSTRAP"),
                required(environment, "PRECINCT_TEST_JDBC_URL"),
                required(environment, "PRECINCT_TEST_JDBC_USER"),
                environment.getOrDefault("PRECINCT_TEST_JDBC_PASSWORD", ""));
    }

    /** Creates the empty database {@code name} on the server and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) throw new IllegalArgumentException("bad database name " + name);
        try (var connection = connect(jdbcUrl); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + jdbcUrl, e);
        }
        return urlOf(name);
    }

    /** Drops database {@code name}, closing what still uses it; a failure is only reported. */
    public void dropDatabase(String name) {
        try (var connection = connect(jdbcUrl); var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name.toLowerCase(Locale.ROOT) + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("bench: could not drop database " + name + ": " + e.getMessage());
        }
    }

    /** The JDBC URL of database {@code name} on the run's server. */
    public String urlOf(String name) {
        int query = jdbcUrl.indexOf('?');
        var base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        var suffix = query < 0 ? "" : jdbcUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + suffix;
    }

    /** A plain JDBC connection to {@code url} with the run's credentials. */
    public Connection connect(String url) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", jdbcUser);
        properties.setProperty("password", jdbcPassword);
        properties.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(url, properties);
    }

    private static String required(Map<String, String> environment, String variable) {
        var value = environment.get(variable);
        if (value == null || value.isBlank())
            throw new IllegalStateException(variable + " is not set: run the benchmark with scripts/bench, which "
                    + "starts NATS, Kafka and PostgreSQL, or point the PRECINCT_TEST_* variables at running servers");
        return value;
    }
}
