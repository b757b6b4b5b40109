package dev.precinct.core.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

/**
 * The real NATS, Kafka and PostgreSQL servers of the integration tests, named by the {@code PRECINCT_TEST_*}
 * variables that {@code scripts/test} sets after starting them. A missing variable fails the test: integration
 * tests never skip.
 */
public final class TestServices {
    private TestServices() {
    }

    public static String natsUrl() {
        return required("PRECINCT_TEST_NATS_URL");
    }

    public static String kafkaBootstrap() {
        return required("PRECINCT_TEST_KAFKA_BOOTSTRAP");
    }

    /** The three brokers of the test run's Kafka cluster, for the tests that kill one; comma-separated. */
    public static String kafkaClusterBootstrap() {
        return required("PRECINCT_TEST_KAFKA_CLUSTER_BOOTSTRAP");
    }

    /** The client URLs of the test run's three-node NATS cluster, for the tests that kill one; comma-separated. */
    public static String natsClusterUrls() {
        return required("PRECINCT_TEST_NATS_CLUSTER_URLS");
    }

    public static String jdbcUrl() {
        return required("PRECINCT_TEST_JDBC_URL");
    }

    public static String jdbcUser() {
        return required("PRECINCT_TEST_JDBC_USER");
    }

    public static String jdbcPassword() {
        var password = System.getenv("PRECINCT_TEST_JDBC_PASSWORD");
        return password == null ? "" : password;
    }

    /** Creates an empty database on the test server and returns its JDBC URL, so each test starts clean. */
    public static String freshDatabase() {
        var name = "precinct_" + UUID.randomUUID().toString().replace("-", "");
        var properties = new Properties();
        properties.setProperty("user", jdbcUser());
        properties.setProperty("password", jdbcPassword());
        try (var connection = DriverManager.getConnection(jdbcUrl(), properties);
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + jdbcUrl(), e);
        }
        var url = jdbcUrl();
        int query = url.indexOf('?');
        var base = query < 0 ? url : url.substring(0, query);
        var suffix = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + suffix;
    }

    private static String required(String variable) {
        var value = System.getenv(variable);
        if (value == null || value.isBlank())
            throw new IllegalStateException(variable + " is not set: run the integration tests with scripts/test, "
                    + "which starts real NATS, Kafka and PostgreSQL, or point the variable at a running server");
        return value;
    }
}
