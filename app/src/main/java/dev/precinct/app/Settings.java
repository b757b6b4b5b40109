package dev.precinct.app;

import dev.precinct.adapters.rest.TokenRules;
import dev.precinct.adapters.kafka.KafkaTopicCheck;

import java.io.IOException;
import java.io.Reader;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Precinct's configuration, parsed and checked once. Each setting has an environment variable
 * ({@code PRECINCT_HTTP_PORT}), a key for the {@code --config} properties file ({@code http.port}) and a
 * command-line flag ({@code --http.port=9090} or {@code --http-port 9090}). Precedence, highest first: flags, the
 * {@code --config} file, environment variables, defaults. {@link #DEFINED} lists them all; the README's
 * configuration table and {@code --help} name each.
 *
 * <p>Immutable. Every check runs when the settings are built, by {@link #load} or by a constructor: a bad value
 * throws {@link IllegalArgumentException} naming the setting.
 *
 * @param role                    which parts this process runs
 * @param http                    the edge's listener
 * @param requestTimeout          how long the edge waits for the business-logic service
 * @param nats                    the NATS connection; no URL: the in-memory bus
 * @param kafka                   the Kafka connection and the topics Precinct creates; no bootstrap: in-memory log
 * @param jdbc                    the PostgreSQL connection; no URL: in-memory stores
 * @param auth                    how the edge verifies tokens
 * @param logFormat               {@code text} or {@code json}
 * @param logLevel                the root logger's level ({@code TRACE} … {@code ERROR}, {@code OFF}); empty: the
 *                                jar's {@code logback.xml}'s
 * @param logLevels               levels per logger name, in the order given, over {@code logback.xml}'s
 * @param otelEndpoint            the OpenTelemetry collector's OTLP/HTTP traces URL; empty: no spans are exported
 * @param fanOutNats              whether the projections of this process republish each event they applied on
 *                                NATS ({@code precinct.events.<ce_type>})
 * @param projectorSessionTimeout how long Kafka waits for a projector that stopped answering (killed, frozen, cut
 *                                off) before it gives the projector's partitions to the others: the projections'
 *                                {@code session.timeout.ms}
 */
public record Settings(Role role, Http http, Duration requestTimeout, Nats nats, Kafka kafka, Jdbc jdbc, Auth auth,
                       String logFormat, Optional<String> logLevel, Map<String, String> logLevels,
                       Optional<String> otelEndpoint, boolean fanOutNats,
                       Duration projectorSessionTimeout, Management management, Retention retention) {

    /** One setting: its key ({@code http.port}), its default (null: unset) and a line for {@code --help}. */
    record Definition(String key, String defaultValue, String help) {
        /** The environment variable: {@code http.port} → {@code PRECINCT_HTTP_PORT}. */
        String variable() {
            return variableOf(key);
        }
    }

    /** Every setting, in the order {@code --help} lists them. The README's configuration table names each. */
    static final List<Definition> DEFINED = List.of(
            new Definition("role", "all", "all, edge, bl or projector"),
            new Definition("http.host", "0.0.0.0", "the edge's address"),
            new Definition("http.port", "8080", "the edge's port"),
            new Definition("http.enabled", "true",
                    "false: no HTTP edge; an app that embeds Precinct sends commands and reads in process"),
            new Definition("max.body.bytes", "65536", "larger request bodies get 413"),
            new Definition("request.timeout.ms", "2000", "edge -> business-logic timeout (at least 200)"),
            new Definition("nats.url", null, "NATS server(s), comma-separated; unset: in-memory bus"),
            new Definition("nats.creds.file", null, "NATS credentials file (JWT and NKey)"),
            new Definition("nats.user", null, "NATS user"),
            new Definition("nats.password", null, "NATS password"),
            fromFile("nats.password"),
            new Definition("nats.tls", "false", "true: TLS to NATS with the JVM's trust store"),
            new Definition("kafka.bootstrap", null, "Kafka bootstrap servers; unset: in-memory log"),
            new Definition("kafka.security.protocol", null, "Kafka security.protocol"),
            new Definition("kafka.sasl.mechanism", null, "Kafka sasl.mechanism"),
            new Definition("kafka.sasl.jaas.config", null, "Kafka sasl.jaas.config"),
            fromFile("kafka.sasl.jaas.config"),
            new Definition("kafka.ssl.truststore.location", null, "Kafka ssl.truststore.location"),
            new Definition("kafka.ssl.truststore.password", null, "Kafka ssl.truststore.password"),
            fromFile("kafka.ssl.truststore.password"),
            new Definition("topic.partitions", "6", "partitions of the topics Precinct creates"),
            new Definition("topic.replication", null,
                    "replication factor of the topics Precinct creates; unset: 3 with 3+ brokers, else 1"),
            new Definition("topic.min.insync.replicas", null,
                    "min.insync.replicas of the topics Precinct creates; unset: 2 with 3+ copies, else 1"),
            new Definition("topic.check", "fail",
                    "an event topic that lets Kafka delete events at start-up: fail (refuse to start) or warn"),
            new Definition("dlq.retention.ms", Long.toString(Duration.ofDays(30).toMillis()),
                    "how long the dead-letter topic and stream keep a dead letter (at least 120000)"),
            new Definition("dlq.retention.bytes", Long.toString(1L << 30),
                    "bytes the dead-letter stream, and each partition of the dead-letter topic, keep at most"),
            new Definition("jdbc.url", null, "PostgreSQL JDBC URL; unset: in-memory stores"),
            new Definition("jdbc.user", "postgres", "PostgreSQL user"),
            new Definition("jdbc.password", "", "PostgreSQL password"),
            fromFile("jdbc.password"),
            new Definition("jdbc.pool.size", "16", "database connections per process"),
            new Definition("auth.hs256.secret", null, "HS256 token secret, at least 32 bytes"),
            fromFile("auth.hs256.secret"),
            new Definition("auth.jwks.file", null, "RS256/ES256: a JWKS file with the token-signing public keys"),
            new Definition("auth.jwks.url", null, "RS256/ES256: the identity provider's JWKS URL, fetched and cached"),
            new Definition("auth.oidc.discovery.url", null,
                    "the identity provider's OpenID Connect discovery document: its jwks_uri and issuer"),
            new Definition("auth.issuer", null, "the iss a token must carry"),
            new Definition("auth.audience", null, "the aud a token must carry"),
            new Definition("auth.roles.claim", TokenRules.DEFAULT_ROLES_CLAIM,
                    "where a token keeps its roles: a dotted path (realm_access.roles for Keycloak)"),
            new Definition("log.format", "text", "text, or json (one JSON object per line)"),
            new Definition("log.level", null, "the root logger's level: TRACE, DEBUG, INFO, WARN, ERROR or OFF"),
            new Definition("log.levels", null, "levels per logger: org.apache.kafka=WARN,dev.precinct.adapters.kafka=DEBUG"),
            new Definition("otel.endpoint", null, "OpenTelemetry collector's OTLP/HTTP traces URL"),
            new Definition("fanout.nats", "false", "true: republish each applied event on NATS"),
            new Definition("management.host", "0.0.0.0", "the management listener's address"),
            new Definition("management.port", null,
                    "a port of its own for /health and /metrics, in every role; unset: the edge serves them"),
            new Definition("idempotency.retention", "PT24H",
                    "how long an Idempotency-Key is remembered (ISO-8601 duration or ms): the clients' retry window"),
            new Definition("command.status.retention", "P7D",
                    "how long a command's outcome is kept (ISO-8601 duration or ms); at least idempotency.retention"),
            new Definition("projector.session.timeout.ms", "45000",
                    "how long Kafka waits for a silent projector (6000-300000)"));

    private static final Map<String, Definition> BY_KEY = DEFINED.stream()
            .collect(Collectors.toMap(Definition::key, Function.identity()));

    /**
     * The secrets an operator may give as a file instead ({@code jdbc.password.file}), as mounted secrets are; each
     * has its {@link #fromFile} line in {@link #DEFINED}.
     */
    private static final List<String> SECRETS = List.of("nats.password", "kafka.sasl.jaas.config",
            "kafka.ssl.truststore.password", "jdbc.password", "auth.hs256.secret");
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** The setting that gives {@code secret} as the path of a file holding it. */
    private static Definition fromFile(String secret) {
        return new Definition(secret + ".file", null, "a file holding " + secret + " (its trailing line breaks dropped)");
    }

    /**
     * The edge's listener.
     *
     * @param enabled false: the node serves no HTTP edge (an embedding app uses its in-process client)
     */
    public record Http(boolean enabled, String host, int port, int maxBodyBytes) {
        public Http {
            within("http.port", port, 0, 65_535);
            within("max.body.bytes", maxBodyBytes, 1, Integer.MAX_VALUE);
        }
    }

    /**
     * NATS: the servers, and credentials as a creds file (JWT + NKey) or user and password.
     *
     * @param tls whether to require TLS to NATS (with the JVM's default trust store)
     */
    public record Nats(Optional<String> url, Optional<String> credsFile, Optional<String> user,
                       Optional<String> password, boolean tls) {
        @Override
        public String toString() {
            return "Nats[url=" + url + ", credsFile=" + credsFile + ", user=" + user + ", password="
                    + redacted(password) + ", tls=" + tls + "]";
        }
    }

    /**
     * Kafka: the bootstrap servers, the client security settings given, and the shape of the topics Precinct
     * creates.
     *
     * @param security               by their kafka-clients names ({@code security.protocol}, …)
     * @param topicReplication       empty: chosen from the number of brokers
     * @param topicMinInsyncReplicas empty: chosen from the replication factor
     * @param topicCheck             what an event topic that lets Kafka delete events does at start-up
     * @param dlqRetention           how long the dead-letter topic and stream keep a dead letter
     * @param dlqRetentionBytes      how many bytes the dead-letter stream, and each partition of the topic, keep
     */
    public record Kafka(Optional<String> bootstrap, Map<String, String> security, int topicPartitions,
                        Optional<Short> topicReplication, Optional<Short> topicMinInsyncReplicas,
                        KafkaTopicCheck topicCheck, Duration dlqRetention, long dlqRetentionBytes) {
        public Kafka {
            security = Map.copyOf(security);
            within("topic.partitions", topicPartitions, 1, Integer.MAX_VALUE);
            topicReplication.ifPresent(count -> within("topic.replication", count, 1, Short.MAX_VALUE));
            topicMinInsyncReplicas.ifPresent(count -> within("topic.min.insync.replicas", count, 1, Short.MAX_VALUE));
            if (dlqRetention.toMillis() < 120_000)
                throw new IllegalArgumentException("dlq.retention.ms must be at least 120000: the dead-letter stream "
                        + "keeps a put repeated within its two-minute duplicate window once");
            if (dlqRetentionBytes < 1) throw new IllegalArgumentException("dlq.retention.bytes must be at least 1");
        }

        @Override
        public String toString() {
            return "Kafka[bootstrap=" + bootstrap + ", security=" + security.keySet() + ", topicPartitions="
                    + topicPartitions + ", topicReplication=" + topicReplication + "]";
        }
    }

    /** PostgreSQL. */
    public record Jdbc(Optional<String> url, String user, String password, int poolSize) {
        public Jdbc {
            within("jdbc.pool.size", poolSize, 1, Integer.MAX_VALUE);
        }

        @Override
        public String toString() {
            return "Jdbc[url=" + url + ", user=" + user + ", password=" + redacted(Optional.of(password))
                    + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * The token key source, at most one of: an HS256 secret, a JWKS file, a JWKS URL or an OpenID Connect discovery
     * document; the {@code iss}/{@code aud} a token must carry; and where a token keeps its roles.
     *
     * @param jwksUrl          the identity provider's JWKS (RS256 and ES256 keys), fetched and cached
     * @param oidcDiscoveryUrl the identity provider's discovery document, which names its JWKS URL and issuer
     * @param rolesClaim       a dotted path into nested claims ({@code realm_access.roles})
     */
    public record Auth(Optional<String> hs256Secret, Optional<String> jwksFile, Optional<URL> jwksUrl,
                       Optional<URL> oidcDiscoveryUrl, Optional<String> issuer, Optional<String> audience,
                       String rolesClaim) {
        public Auth {
            var sources = new ArrayList<String>();
            if (hs256Secret.isPresent()) sources.add("auth.hs256.secret");
            if (jwksFile.isPresent()) sources.add("auth.jwks.file");
            if (jwksUrl.isPresent()) sources.add("auth.jwks.url");
            if (oidcDiscoveryUrl.isPresent()) sources.add("auth.oidc.discovery.url");
            if (sources.size() > 1)
                throw new IllegalArgumentException("configure one token key source, not " + String.join(" and ",
                        sources.stream().map(Settings::variableOf).toList()));
            jwksUrl.ifPresent(url -> httpOrHttps("auth.jwks.url", url));
            oidcDiscoveryUrl.ifPresent(url -> httpOrHttps("auth.oidc.discovery.url", url));
            try {
                new TokenRules(null, null, rolesClaim);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("auth.roles.claim: " + e.getMessage(), e);
            }
        }

        /** Whether a token key source is configured; without one only the embedded mode can verify tokens. */
        boolean hasKey() {
            return hs256Secret.isPresent() || jwksFile.isPresent() || jwksUrl.isPresent()
                    || oidcDiscoveryUrl.isPresent();
        }

        @Override
        public String toString() {
            return "Auth[hs256Secret=" + redacted(hs256Secret) + ", jwksFile=" + jwksFile + ", jwksUrl=" + jwksUrl
                    + ", oidcDiscoveryUrl=" + oidcDiscoveryUrl + ", issuer=" + issuer + ", audience=" + audience
                    + ", rolesClaim=" + rolesClaim + "]";
        }
    }

    private static void httpOrHttps(String key, URL url) {
        if (!"https".equals(url.getProtocol()) && !"http".equals(url.getProtocol()))
            throw new IllegalArgumentException(key + " must be an http or https URL; got " + url);
    }

    /** The level name {@code value} names, upper case; refused naming {@code key} when it names none. */
    private static String level(String key, String value) {
        var level = value.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level))
            throw new IllegalArgumentException(key + " levels are TRACE, DEBUG, INFO, WARN, ERROR or OFF; got " + value);
        return level;
    }

    private static void within(String key, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(key + " must be from " + min + " to " + max + "; got " + value);
    }

    // toString() ends up in logs and stack traces: it says whether a secret is set, never what it is
    private static String redacted(Optional<String> secret) {
        return secret.filter(value -> !value.isEmpty()).map(value -> "(set)").orElse("(unset)");
    }

    /**
     * The management listener.
     *
     * @param port empty: only an edge serves {@code /health} and {@code /metrics}, on its HTTP port; 0 picks a free one
     */
    public record Management(String host, OptionalInt port) {
    }

    /**
     * How long what grows with every command is kept.
     *
     * @param idempotency   how long an {@code Idempotency-Key} is remembered after its last attempt: the window in
     *                      which a retry gets the first answer; after it a request with the key is a new command
     * @param commandStatus how long a command's outcome is kept after the projection decided it; then it reads 404
     */
    public record Retention(Duration idempotency, Duration commandStatus) {
        public Retention {
            if (commandStatus.compareTo(idempotency) < 0)
                throw new IllegalArgumentException("command.status.retention must be at least idempotency.retention: "
                        + "the projections drop a retried event by its command id only while they keep its status");
        }
    }

    /** Checks what no single value shows: settings that exclude or need each other. */
    public Settings {
        if (management.port().isPresent() && role.runsEdge() && management.port().getAsInt() == http.port()
                && http.port() != 0)
            throw new IllegalArgumentException("management.port must differ from http.port: the edge listens there");
        if (fanOutNats && nats.url().isEmpty())
            throw new IllegalArgumentException("fanout.nats republishes applied events on NATS and needs PRECINCT_NATS_URL");
        var session = projectorSessionTimeout.toMillis();
        if (session < 6_000 || session > 300_000)
            throw new IllegalArgumentException("projector.session.timeout.ms must be from 6000 to 300000 (the broker's "
                    + "default group.min/max.session.timeout.ms)");
        if (requestTimeout.toMillis() < 200) throw new IllegalArgumentException("request.timeout.ms must be at least 200");
        boolean embedded = nats.url().isEmpty() && kafka.bootstrap().isEmpty() && jdbc.url().isEmpty();
        if (!embedded && !auth.hasKey())
            throw new IllegalArgumentException("outside the embedded mode the edge needs a token key: set "
                    + "PRECINCT_AUTH_HS256_SECRET (32+ bytes), PRECINCT_AUTH_JWKS_FILE, PRECINCT_AUTH_JWKS_URL or "
                    + "PRECINCT_AUTH_OIDC_DISCOVERY_URL");
        logLevel = logLevel.map(level -> level("log.level", level));
        var checkedLevels = new LinkedHashMap<String, String>();
        logLevels.forEach((logger, level) -> {
            if (logger.isBlank())
                throw new IllegalArgumentException("log.levels takes logger=LEVEL pairs; got a level without a logger");
            checkedLevels.put(logger, level("log.levels", level));
        });
        // unmodifiable and in the order given, which Map.copyOf would not keep
        logLevels = Collections.unmodifiableMap(checkedLevels);
        if (role != Role.ALL) {
            var missing = new ArrayList<String>();
            if (nats.url().isEmpty() && role != Role.PROJECTOR) missing.add("PRECINCT_NATS_URL");
            if (kafka.bootstrap().isEmpty()) missing.add("PRECINCT_KAFKA_BOOTSTRAP");
            if (jdbc.url().isEmpty()) missing.add("PRECINCT_JDBC_URL");
            if (!missing.isEmpty())
                throw new IllegalArgumentException("role " + role.name().toLowerCase(Locale.ROOT) + " shares its "
                        + "state with other processes and needs " + String.join(", ", missing));
        }
    }

    /** The environment variable of a setting: {@code http.port} → {@code PRECINCT_HTTP_PORT}. */
    static String variableOf(String key) {
        return "PRECINCT_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Reads the settings from {@code arguments} as the command line gives them ({@code --http.port=0},
     * {@code --config FILE}, …; see {@link SettingsOptions}), over {@code environment}.
     *
     * @throws IllegalArgumentException for an unknown flag or setting, or a bad value, named
     * @throws IOException              when the {@code --config} file cannot be read
     */
    public static Settings load(Map<String, String> environment, List<String> arguments) throws IOException {
        var flags = SettingsOptions.parse(arguments);
        return load(environment, Optional.ofNullable(flags.remove(SettingsOptions.CONFIG)).map(Path::of), flags);
    }

    /**
     * Reads the settings: {@code flags} (by key: {@code http.port}) over the {@code configFile}'s keys over
     * {@code environment}'s {@code PRECINCT_*} variables over the defaults.
     *
     * @throws IllegalArgumentException for an unknown setting or a bad value, named
     * @throws IOException              when the config file or a secret's file cannot be read, named
     */
    static Settings load(Map<String, String> environment, Optional<Path> configFile, Map<String, String> flags)
            throws IOException {
        var values = new HashMap<String, String>();
        for (var setting : DEFINED) {
            if (setting.defaultValue() != null) values.put(setting.key(), setting.defaultValue());
            var fromEnvironment = environment.get(setting.variable());
            if (fromEnvironment != null && !fromEnvironment.isBlank()) values.put(setting.key(), fromEnvironment);
        }
        if (configFile.isPresent()) {
            var file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile.get())) {
                file.load(reader);
            } catch (IOException e) {
                throw new IOException("cannot read the config file " + configFile.get() + ": " + e, e);
            }
            for (var name : file.stringPropertyNames()) values.put(known(name), file.getProperty(name).trim());
        }
        flags.forEach((name, value) -> values.put(known(name), value));
        readSecretFiles(values);
        return parse(values);
    }

    /**
     * Replaces each {@code <secret>.file} by {@code <secret>}, the file's content without its trailing line breaks
     * (what {@code echo} and most secret stores leave). Giving a secret both ways is an error: neither would
     * silently win.
     */
    private static void readSecretFiles(Map<String, String> values) throws IOException {
        for (var secret : SECRETS) {
            var file = values.remove(secret + ".file");
            if (file == null || file.isBlank()) continue;
            var given = values.get(secret);
            if (given != null && !given.isBlank())
                throw new IllegalArgumentException("configure either " + variableOf(secret) + " or "
                        + variableOf(secret + ".file") + ", not both");
            String content;
            try {
                content = Files.readString(Path.of(file));
            } catch (IOException e) {
                throw new IOException(variableOf(secret + ".file") + ": cannot read " + file + ": " + e.getMessage(), e);
            }
            values.put(secret, content.replaceAll("[\\r\\n]+$", ""));
        }
    }

    private static Settings parse(Map<String, String> values) {
        var read = new Values(values);
        var kafkaSecurity = new LinkedHashMap<String, String>();
        for (var key : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
                "ssl.truststore.password"))
            read.optional("kafka." + key).ifPresent(value -> kafkaSecurity.put(key, value));
        return new Settings(
                Role.parse(values.get("role")),
                new Http(read.bool("http.enabled"), values.get("http.host"), read.integer("http.port"),
                        read.integer("max.body.bytes")),
                Duration.ofMillis(read.integer("request.timeout.ms")),
                new Nats(read.optional("nats.url"), read.optional("nats.creds.file"), read.optional("nats.user"),
                        read.optional("nats.password"), read.bool("nats.tls")),
                new Kafka(read.optional("kafka.bootstrap"), kafkaSecurity, read.integer("topic.partitions"),
                        read.optionalShort("topic.replication"), read.optionalShort("topic.min.insync.replicas"),
                        switch (read.oneOf("topic.check", "fail", "warn")) {
                            case "warn" -> KafkaTopicCheck.WARN;
                            default -> KafkaTopicCheck.FAIL;
                        },
                        Duration.ofMillis(read.longInteger("dlq.retention.ms")), read.longInteger("dlq.retention.bytes")),
                new Jdbc(read.optional("jdbc.url"), values.get("jdbc.user"), values.getOrDefault("jdbc.password", ""),
                        read.integer("jdbc.pool.size")),
                new Auth(read.optional("auth.hs256.secret"), read.optional("auth.jwks.file"),
                        read.url("auth.jwks.url"), read.url("auth.oidc.discovery.url"), read.optional("auth.issuer"),
                        read.optional("auth.audience"), values.get("auth.roles.claim")),
                read.oneOf("log.format", "text", "json"),
                read.optional("log.level"),
                read.loggerLevels("log.levels"),
                read.optional("otel.endpoint"),
                read.bool("fanout.nats"),
                Duration.ofMillis(read.integer("projector.session.timeout.ms")),
                new Management(values.get("management.host"), read.optionalInteger("management.port")),
                new Retention(read.duration("idempotency.retention"), read.duration("command.status.retention")));
    }

    private static String known(String key) {
        if (!BY_KEY.containsKey(key)) throw new IllegalArgumentException("unknown setting " + key);
        return key;
    }

    /** The raw values by key, each read as its type or refused with its name. */
    private record Values(Map<String, String> raw) {
        Optional<String> optional(String key) {
            var value = raw.get(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        }

        int integer(String key) {
            try {
                return Integer.parseInt(raw.get(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number; got " + raw.get(key));
            }
        }

        short shortInteger(String key) {
            int value = integer(key);
            // Kafka's constructor checks the range; this keeps a number beyond a short from wrapping round into one
            // that passes
            if (value < Short.MIN_VALUE || value > Short.MAX_VALUE)
                throw new IllegalArgumentException(key + " must be from 1 to " + Short.MAX_VALUE + "; got " + value);
            return (short) value;
        }

        Optional<URL> url(String key) {
            return optional(key).map(value -> {
                try {
                    return new URI(value).toURL();
                } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + " must be an http or https URL; got " + value, e);
                }
            });
        }

        /** {@code a.b=DEBUG, c=WARN} as logger → level name, in order; the names are checked by the constructor. */
        Map<String, String> loggerLevels(String key) {
            var levels = new LinkedHashMap<String, String>();
            for (var entry : optional(key).map(text -> text.split(",")).orElse(new String[0])) {
                var equals = entry.indexOf('=');
                if (equals < 0)
                    throw new IllegalArgumentException(key + " takes logger=LEVEL pairs separated by commas; got " + entry);
                levels.put(entry.substring(0, equals).trim(), entry.substring(equals + 1));
            }
            return levels;
        }

        Optional<Short> optionalShort(String key) {
            return optional(key).isPresent() ? Optional.of(shortInteger(key)) : Optional.empty();
        }

        long longInteger(String key) {
            try {
                return Long.parseLong(raw.get(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number; got " + raw.get(key));
            }
        }

        OptionalInt optionalInteger(String key) {
            return optional(key).isPresent() ? OptionalInt.of(integer(key)) : OptionalInt.empty();
        }

        /** An ISO-8601 duration ({@code PT24H}, {@code P7D}) or a whole number of milliseconds; positive. */
        Duration duration(String key) {
            var value = raw.get(key).strip();
            Duration duration;
            try {
                duration = value.chars().allMatch(Character::isDigit)
                        ? Duration.ofMillis(Long.parseLong(value)) : Duration.parse(value);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be an ISO-8601 duration (PT24H, P7D) or milliseconds; "
                        + "got " + value);
            }
            if (duration.isNegative() || duration.isZero())
                throw new IllegalArgumentException(key + " must be positive; got " + value);
            return duration;
        }

        boolean bool(String key) {
            return oneOf(key, "true", "false").equals("true");
        }

        String oneOf(String key, String... allowed) {
            var value = raw.get(key);
            if (!List.of(allowed).contains(value))
                throw new IllegalArgumentException(key + " must be " + String.join(" or ", allowed) + "; got " + value);
            return value;
        }
    }

    public String httpHost() {
        return http.host();
    }

    public int httpPort() {
        return http.port();
    }

    public boolean httpEnabled() {
        return http.enabled();
    }

    public int maxBodyBytes() {
        return http.maxBodyBytes();
    }

    public Optional<String> natsUrl() {
        return nats.url();
    }

    public Optional<String> natsCredsFile() {
        return nats.credsFile();
    }

    public Optional<String> natsUser() {
        return nats.user();
    }

    public Optional<String> natsPassword() {
        return nats.password();
    }

    public boolean natsTls() {
        return nats.tls();
    }

    public Optional<String> kafkaBootstrap() {
        return kafka.bootstrap();
    }

    /** The Kafka client security settings given, by their kafka-clients names ({@code security.protocol}, …). */
    public Map<String, String> kafkaSecurity() {
        return kafka.security();
    }

    public int topicPartitions() {
        return kafka.topicPartitions();
    }

    public Optional<Short> topicMinInsyncReplicas() {
        return kafka.topicMinInsyncReplicas();
    }

    public KafkaTopicCheck topicCheck() {
        return kafka.topicCheck();
    }

    public Duration dlqRetention() {
        return kafka.dlqRetention();
    }

    public long dlqRetentionBytes() {
        return kafka.dlqRetentionBytes();
    }

    public Optional<Short> topicReplication() {
        return kafka.topicReplication();
    }

    public Optional<String> jdbcUrl() {
        return jdbc.url();
    }

    public String jdbcUser() {
        return jdbc.user();
    }

    public String jdbcPassword() {
        return jdbc.password();
    }

    public int jdbcPoolSize() {
        return jdbc.poolSize();
    }

    public Optional<String> authHs256Secret() {
        return auth.hs256Secret();
    }

    public Optional<String> authJwksFile() {
        return auth.jwksFile();
    }

    public Optional<URL> authJwksUrl() {
        return auth.jwksUrl();
    }

    public Optional<URL> authOidcDiscoveryUrl() {
        return auth.oidcDiscoveryUrl();
    }

    /** Where a token keeps its role names: a dotted path into nested claims ({@code realm_access.roles}). */
    public String authRolesClaim() {
        return auth.rolesClaim();
    }

    public Optional<String> authIssuer() {
        return auth.issuer();
    }

    public Optional<String> authAudience() {
        return auth.audience();
    }

    public String managementHost() {
        return management.host();
    }

    public OptionalInt managementPort() {
        return management.port();
    }

    public Duration idempotencyRetention() {
        return retention.idempotency();
    }

    public Duration commandStatusRetention() {
        return retention.commandStatus();
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
}
