package dev.precinct.app;

import dev.precinct.adapters.kafka.KafkaTopicCheck;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Precinct's configuration. Each setting has an environment variable ({@code PRECINCT_HTTP_PORT}), a key for
 * the {@code --config} properties file ({@code http.port}) and a command-line flag ({@code --http.port=9090} or
 * {@code --http-port 9090}). Precedence, highest first: flags, the {@code --config} file, environment variables,
 * defaults. Every value is checked when the settings are loaded.
 */
public final class Settings {
    /** Every setting, with its default (null: unset). The README's configuration table lists them. */
    static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
        // parse every value now, so a bad one stops the start with its name
        role();
        httpPort();
        maxBodyBytes();
        jdbcPoolSize();
        topicPartitions();
        topicReplication();
        topicMinInsyncReplicas();
        topicCheck();
        if (dlqRetention().toMillis() < 120_000) throw new IllegalArgumentException("dlq.retention.ms must be at least "
                + "120000: the dead-letter stream keeps a put repeated within its two-minute duplicate window once");
        if (dlqRetentionBytes() < 1) throw new IllegalArgumentException("dlq.retention.bytes must be at least 1");
        if (fanOutNats() && natsUrl().isEmpty())
            throw new IllegalArgumentException("fanout.nats republishes applied events on NATS and needs PRECINCT_NATS_URL");
        var session = projectorSessionTimeout().toMillis();
        if (session < 6_000 || session > 300_000)
            throw new IllegalArgumentException("projector.session.timeout.ms must be from 6000 to 300000 (the broker's "
                    + "default group.min/max.session.timeout.ms)");
        if (requestTimeout().toMillis() < 200) throw new IllegalArgumentException("request.timeout.ms must be at least 200");
        if (authHs256Secret().isPresent() && authJwksFile().isPresent())
            throw new IllegalArgumentException("configure either auth.hs256.secret or auth.jwks.file, not both");
        if (!embedded() && authHs256Secret().isEmpty() && authJwksFile().isEmpty())
            throw new IllegalArgumentException("outside the embedded mode the edge needs a token key: set "
                    + "PRECINCT_AUTH_HS256_SECRET (32+ bytes) or PRECINCT_AUTH_JWKS_FILE");
        if (role() != Role.ALL) {
            var missing = new ArrayList<String>();
            if (natsUrl().isEmpty() && role() != Role.PROJECTOR) missing.add("PRECINCT_NATS_URL");
            if (kafkaBootstrap().isEmpty()) missing.add("PRECINCT_KAFKA_BOOTSTRAP");
            if (jdbcUrl().isEmpty()) missing.add("PRECINCT_JDBC_URL");
            if (!missing.isEmpty())
                throw new IllegalArgumentException("role " + role().name().toLowerCase(Locale.ROOT) + " shares its "
                        + "state with other processes and needs " + String.join(", ", missing));
        }
    }

    private static Map<String, String> defaults() {
        var defaults = new LinkedHashMap<String, String>();
        defaults.put("role", "all");
        defaults.put("http.host", "0.0.0.0");
        defaults.put("http.port", "8080");
        defaults.put("max.body.bytes", "65536");
        defaults.put("request.timeout.ms", "2000");
        defaults.put("nats.url", null);
        defaults.put("nats.creds.file", null);
        defaults.put("nats.user", null);
        defaults.put("nats.password", null);
        defaults.put("nats.tls", "false");
        defaults.put("kafka.bootstrap", null);
        defaults.put("kafka.security.protocol", null);
        defaults.put("kafka.sasl.mechanism", null);
        defaults.put("kafka.sasl.jaas.config", null);
        defaults.put("kafka.ssl.truststore.location", null);
        defaults.put("kafka.ssl.truststore.password", null);
        defaults.put("topic.partitions", "6");
        defaults.put("topic.replication", null);
        defaults.put("topic.min.insync.replicas", null);
        defaults.put("topic.check", "fail");
        defaults.put("dlq.retention.ms", Long.toString(Duration.ofDays(30).toMillis()));
        defaults.put("dlq.retention.bytes", Long.toString(1L << 30));
        defaults.put("jdbc.url", null);
        defaults.put("jdbc.user", "postgres");
        defaults.put("jdbc.password", "");
        defaults.put("jdbc.pool.size", "16");
        defaults.put("auth.hs256.secret", null);
        defaults.put("auth.jwks.file", null);
        defaults.put("auth.issuer", null);
        defaults.put("auth.audience", null);
        defaults.put("log.format", "text");
        defaults.put("otel.endpoint", null);
        defaults.put("fanout.nats", "false");
        defaults.put("projector.session.timeout.ms", "45000");
        return Collections.unmodifiableMap(defaults);
    }

    /** The environment variable of a setting: {@code http.port} → {@code PRECINCT_HTTP_PORT}. */
    static String variableOf(String key) {
        return "PRECINCT_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Reads the settings from the environment, then the {@code --config} file, then {@code --key=value} flags. */
    public static Settings load(Map<String, String> environment, List<String> arguments) throws IOException {
        var values = new HashMap<String, String>();
        DEFAULTS.forEach((key, value) -> {
            if (value != null) values.put(key, value);
            var fromEnvironment = environment.get(variableOf(key));
            if (fromEnvironment != null && !fromEnvironment.isBlank()) values.put(key, fromEnvironment);
        });
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
        return new Settings(values);
    }

    public Role role() {
        return Role.parse(values.get("role"));
    }

    public String httpHost() {
        return values.get("http.host");
    }

    public int httpPort() {
        return integer("http.port");
    }

    public int maxBodyBytes() {
        return integer("max.body.bytes");
    }

    public Optional<String> natsUrl() {
        return optional("nats.url");
    }

    /** NATS credentials: a creds file (JWT + NKey), or user and password. */
    public Optional<String> natsCredsFile() {
        return optional("nats.creds.file");
    }

    public Optional<String> natsUser() {
        return optional("nats.user");
    }

    public Optional<String> natsPassword() {
        return optional("nats.password");
    }

    /** Whether to require TLS to NATS (with the JVM's default trust store). */
    public boolean natsTls() {
        return Boolean.parseBoolean(values.get("nats.tls"));
    }

    public Optional<String> kafkaBootstrap() {
        return optional("kafka.bootstrap");
    }

    /** The Kafka client security settings given, by their kafka-clients names ({@code security.protocol}, …). */
    public Map<String, String> kafkaSecurity() {
        var security = new LinkedHashMap<String, String>();
        for (var key : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
                "ssl.truststore.password"))
            optional("kafka." + key).ifPresent(value -> security.put(key, value));
        return security;
    }

    public Optional<String> jdbcUrl() {
        return optional("jdbc.url");
    }

    public String jdbcUser() {
        return values.get("jdbc.user");
    }

    public String jdbcPassword() {
        return values.getOrDefault("jdbc.password", "");
    }

    public int jdbcPoolSize() {
        return integer("jdbc.pool.size");
    }

    public int topicPartitions() {
        return integer("topic.partitions");
    }

    /** The replication factor of the topics Precinct creates; empty: chosen from the number of brokers. */
    public Optional<Short> topicReplication() {
        return replicaCount("topic.replication");
    }

    /** The {@code min.insync.replicas} of the topics Precinct creates; empty: chosen from the replication factor. */
    public Optional<Short> topicMinInsyncReplicas() {
        return replicaCount("topic.min.insync.replicas");
    }

    /**
     * What an event topic that lets Kafka delete events (finite retention, compaction) does at start-up:
     * {@code fail} (refuse to start) or {@code warn} (log it and start).
     */
    public KafkaTopicCheck topicCheck() {
        return switch (values.get("topic.check")) {
            case "fail" -> KafkaTopicCheck.FAIL;
            case "warn" -> KafkaTopicCheck.WARN;
            default -> throw new IllegalArgumentException("topic.check must be fail or warn; got "
                    + values.get("topic.check"));
        };
    }

    /** How long the dead-letter topic and stream keep a dead letter. */
    public Duration dlqRetention() {
        return Duration.ofMillis(longInteger("dlq.retention.ms"));
    }

    /** How many bytes the dead-letter stream, and each partition of the dead-letter topic, keep at most. */
    public long dlqRetentionBytes() {
        return longInteger("dlq.retention.bytes");
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(integer("request.timeout.ms"));
    }

    /**
     * How long Kafka waits for a projector that stopped answering (killed, frozen, cut off) before it gives the
     * projector's partitions to the others: the projections' {@code session.timeout.ms}.
     */
    public Duration projectorSessionTimeout() {
        return Duration.ofMillis(integer("projector.session.timeout.ms"));
    }

    public Optional<String> authHs256Secret() {
        return optional("auth.hs256.secret");
    }

    public Optional<String> authJwksFile() {
        return optional("auth.jwks.file");
    }

    public Optional<String> authIssuer() {
        return optional("auth.issuer");
    }

    public Optional<String> authAudience() {
        return optional("auth.audience");
    }

    /** The OpenTelemetry collector's OTLP/HTTP traces URL; empty: no spans are exported. */
    public Optional<String> otelEndpoint() {
        return optional("otel.endpoint");
    }

    /**
     * Whether the projections of this process republish each event they applied on NATS
     * ({@code precinct.events.<ce_type>}); {@code true} or {@code false}.
     */
    public boolean fanOutNats() {
        var value = values.get("fanout.nats");
        if (!value.equals("true") && !value.equals("false"))
            throw new IllegalArgumentException("fanout.nats must be true or false; got " + value);
        return value.equals("true");
    }

    /** {@code text} or {@code json}. */
    public String logFormat() {
        return values.get("log.format");
    }

    /** Whether nothing external is configured: the embedded mode. */
    public boolean embedded() {
        return natsUrl().isEmpty() && kafkaBootstrap().isEmpty() && jdbcUrl().isEmpty();
    }

    /** How long the business-logic service waits for Kafka: below the edge's timeout, so the client hears "failed". */
    public Duration publishTimeout() {
        return requestTimeout().multipliedBy(3).dividedBy(4);
    }

    /**
     * The Kafka producer's own bound on a publish, a little below {@link #publishTimeout()}: the producer has
     * always decided (stored or failed) before the business-logic service gives up waiting.
     */
    public Duration kafkaPublishTimeout() {
        return publishTimeout().multipliedBy(9).dividedBy(10);
    }

    /** This configuration with one more setting, as a flag would give it. */
    Settings with(String key, String value) {
        var changed = new HashMap<>(values);
        changed.put(known(key), value);
        return new Settings(changed);
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
        if (!DEFAULTS.containsKey(key) && !key.equals("config")) throw new IllegalArgumentException("unknown setting " + key);
        return key;
    }

    private Optional<String> optional(String key) {
        var value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private Optional<Short> replicaCount(String key) {
        var value = optional(key);
        if (value.isEmpty()) return Optional.empty();
        int count = integer(key);
        if (count < 1 || count > Short.MAX_VALUE) throw new IllegalArgumentException(key + " must be at least 1; got " + count);
        return Optional.of((short) count);
    }

    private long longInteger(String key) {
        try {
            return Long.parseLong(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number; got " + values.get(key));
        }
    }

    private int integer(String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number; got " + values.get(key));
        }
    }
}
