package dev.precinct.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Precinct's configuration. Each setting has an environment variable ({@code PRECINCT_HTTP_PORT}), a key for
 * the {@code --config} properties file ({@code http.port}) and a command-line flag ({@code --http.port=9090} or
 * {@code --http-port=9090}). Precedence, highest first: flags, the {@code --config} file, environment variables,
 * defaults.
 */
public record Settings(Role role, String httpHost, int httpPort, int maxBodyBytes,
                       Optional<String> natsUrl, Optional<String> kafkaBootstrap,
                       Optional<String> jdbcUrl, String jdbcUser, String jdbcPassword, int jdbcPoolSize,
                       int topicPartitions, short topicReplication, Duration requestTimeout) {

    /** Every setting: its key (file and flag) and its default (null: unset). */
    static final List<String[]> KEYS = List.of(
            new String[]{"role", "all"},
            new String[]{"http.host", "0.0.0.0"},
            new String[]{"http.port", "8080"},
            new String[]{"max.body.bytes", "65536"},
            new String[]{"nats.url", null},
            new String[]{"kafka.bootstrap", null},
            new String[]{"jdbc.url", null},
            new String[]{"jdbc.user", "postgres"},
            new String[]{"jdbc.password", ""},
            new String[]{"jdbc.pool.size", "16"},
            new String[]{"topic.partitions", "6"},
            new String[]{"topic.replication", "1"},
            new String[]{"request.timeout.ms", "2000"});

    public Settings {
        if (requestTimeout.toMillis() < 200)
            throw new IllegalArgumentException("request.timeout.ms must be at least 200");
        if (role != Role.ALL) {
            var missing = new ArrayList<String>();
            if (natsUrl.isEmpty() && role != Role.PROJECTOR) missing.add("PRECINCT_NATS_URL");
            if (kafkaBootstrap.isEmpty() && role != Role.EDGE) missing.add("PRECINCT_KAFKA_BOOTSTRAP");
            if (jdbcUrl.isEmpty()) missing.add("PRECINCT_JDBC_URL");
            if (!missing.isEmpty())
                throw new IllegalArgumentException("role " + role.name().toLowerCase(Locale.ROOT) + " shares its state "
                        + "with other processes and needs " + String.join(", ", missing));
        }
    }

    /** Whether nothing external is configured: the embedded mode. */
    public boolean embedded() {
        return natsUrl.isEmpty() && kafkaBootstrap.isEmpty() && jdbcUrl.isEmpty();
    }

    /** How long the business-logic service waits for Kafka: below the edge's timeout, so the client hears "failed". */
    public Duration publishTimeout() {
        return requestTimeout.multipliedBy(3).dividedBy(4);
    }

    /**
     * The Kafka producer's own bound on a publish, a little below {@link #publishTimeout()}: the producer has
     * always decided (stored or failed) before the business-logic service gives up waiting.
     */
    public Duration kafkaPublishTimeout() {
        return publishTimeout().multipliedBy(9).dividedBy(10);
    }

    /** Reads the settings from the environment, then the {@code --config} file, then {@code --key=value} flags. */
    public static Settings load(Map<String, String> environment, List<String> arguments) throws IOException {
        var values = new HashMap<String, String>();
        for (var key : KEYS) {
            if (key[1] != null) values.put(key[0], key[1]);
            var variable = "PRECINCT_" + key[0].replace('.', '_').toUpperCase(Locale.ROOT);
            var fromEnvironment = environment.get(variable);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) values.put(key[0], fromEnvironment);
        }
        var flags = flags(arguments);
        var configFile = flags.remove("config");
        if (configFile != null) {
            var file = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(configFile))) {
                file.load(reader);
            }
            for (var name : file.stringPropertyNames()) values.put(known(name), file.getProperty(name).trim());
        }
        flags.forEach((name, value) -> values.put(known(name), value));
        return from(values);
    }

    private static Settings from(Map<String, String> values) {
        return new Settings(
                Role.parse(values.get("role")),
                values.get("http.host"),
                integer(values, "http.port"),
                integer(values, "max.body.bytes"),
                optional(values, "nats.url"),
                optional(values, "kafka.bootstrap"),
                optional(values, "jdbc.url"),
                values.get("jdbc.user"),
                values.get("jdbc.password"),
                integer(values, "jdbc.pool.size"),
                integer(values, "topic.partitions"),
                (short) integer(values, "topic.replication"),
                Duration.ofMillis(integer(values, "request.timeout.ms")));
    }

    private static Map<String, String> flags(List<String> arguments) {
        var flags = new HashMap<String, String>();
        for (int i = 0; i < arguments.size(); i++) {
            var argument = arguments.get(i);
            if (!argument.startsWith("--"))
                throw new IllegalArgumentException("unexpected argument " + argument + "; flags look like --key=value");
            var equals = argument.indexOf('=');
            if (equals > 0) {
                flags.put(argument.substring(2, equals).replace('-', '.'), argument.substring(equals + 1));
            } else if (i + 1 < arguments.size()) {
                flags.put(argument.substring(2).replace('-', '.'), arguments.get(++i));
            } else {
                throw new IllegalArgumentException("flag " + argument + " needs a value");
            }
        }
        return flags;
    }

    private static String known(String key) {
        if (KEYS.stream().noneMatch(k -> k[0].equals(key)) && !key.equals("config"))
            throw new IllegalArgumentException("unknown setting " + key);
        return key;
    }

    private static Optional<String> optional(Map<String, String> values, String key) {
        var value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static int integer(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number; got " + values.get(key));
        }
    }
}
