package dev.precinct.app;

import dev.precinct.adapters.jdbc.JdbiIdempotencyStore;
import dev.precinct.adapters.jdbc.PostgresDatabase;
import dev.precinct.adapters.kafka.KafkaCluster;
import dev.precinct.adapters.kafka.KafkaDeadLetterTopic;
import dev.precinct.adapters.kafka.KafkaEventCodec;
import dev.precinct.adapters.kafka.KafkaEventLookup;
import dev.precinct.adapters.kafka.KafkaEventPublisher;
import dev.precinct.adapters.kafka.KafkaEventSource;
import dev.precinct.adapters.kafka.KafkaTopicCheck;
import dev.precinct.adapters.kafka.KafkaTopicSettings;
import dev.precinct.adapters.kafka.KafkaTopics;
import dev.precinct.adapters.nats.JetStreamDeadLetterStore;
import dev.precinct.adapters.nats.NatsCommandGateway;
import dev.precinct.adapters.nats.NatsCommandService;
import dev.precinct.adapters.nats.NatsEventFanOut;
import dev.precinct.adapters.nats.NatsConnections;
import dev.precinct.adapters.nats.NatsSecurity;
import dev.precinct.adapters.nats.NatsProjectionNotices;
import dev.precinct.adapters.rest.Authenticator;
import dev.precinct.adapters.rest.EdgeQueries;
import dev.precinct.adapters.rest.EdgeServer;
import dev.precinct.adapters.rest.EdgeSettings;
import dev.precinct.adapters.rest.HealthCheck;
import dev.precinct.adapters.rest.JwtAuthenticator;
import dev.precinct.adapters.rest.TokenRules;
import dev.precinct.adapters.rest.Operations;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.Route;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.service.InProcessCommands;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.domain.Domain;
import dev.precinct.core.command.CommandClient;
import dev.precinct.police.Police;
import dev.precinct.core.memory.InMemoryDeadLetterStore;
import dev.precinct.core.memory.InMemoryDeadLetterTopic;
import dev.precinct.core.memory.InMemoryEventLog;
import dev.precinct.core.memory.InMemoryIdempotencyStore;
import dev.precinct.core.port.CommandGateway;
import dev.precinct.core.port.DeadLetterStore;
import dev.precinct.core.port.DeadLetterTopic;
import dev.precinct.core.port.EventLookup;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.EventSource;
import dev.precinct.core.port.HopTimings;
import dev.precinct.core.port.Traces;
import dev.precinct.core.port.IdempotencyStore;
import dev.precinct.core.port.ProjectionListener;
import dev.precinct.core.service.AcceptCommand;
import dev.precinct.core.service.CommandDispatch;
import dev.precinct.core.service.CommandStatusWatch;
import dev.precinct.core.service.DeadLetterRedrive;
import dev.precinct.core.service.Expiry;
import dev.precinct.core.service.ProjectionRebuilder;
import dev.precinct.core.service.ReadSideAdmin;
import dev.precinct.core.service.PublishCommand;
import io.nats.client.Connection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A running Precinct node: every object built by hand, in one readable place, for the configured role and the
 * catalog's domains. An app that embeds Precinct assembles one with {@link #builder()}; the jar starts one from its
 * settings. The handle offers the HTTP edge's port (when it serves one), an in-process {@link #commands() command
 * client}, {@link #readModels() query access} and the {@link #commandStatus command statuses};
 * {@link #close()} closes everything in reverse order (stop intake, drain, flush, stop consuming, release stores).
 * Thread-safe once started.
 */
public final class Precinct implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Precinct.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private EdgeServer edge;
    private EdgeServer management;
    private byte[] tokenSecret;
    private CommandClient commands;
    private ReadModels readModels;
    private CommandStatusWatch statuses;

    private Precinct() {
    }

    /** Starts assembling a node: domains, transports (in memory unless given), role and HTTP edge. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts the police domain as {@code settings} asks; see {@link #start(Settings, Catalog)}. */
    public static Precinct start(Settings settings) throws Exception {
        return start(settings, Catalog.of(Police.domain()));
    }

    /** Starts everything {@code settings} asks for, for {@code catalog}'s domains; on failure closes what was started and rethrows. */
    public static Precinct start(Settings settings, Catalog catalog) throws Exception {
        var precinct = new Precinct();
        try {
            precinct.wire(settings, catalog);
            return precinct;
        } catch (Exception | Error e) {
            precinct.close();
            throw e;
        }
    }

    private void wire(Settings settings, Catalog catalog) throws Exception {
        var role = settings.role();
        // microseconds: what PostgreSQL keeps, so both modes show the same times
        var clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
        var codec = new JsonCodec(catalog);
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        closing(blocking::close);
        var checks = new ArrayList<HealthCheck>();
        var authenticator = authenticator(settings);
        var metrics = closing(new PrecinctMetrics());
        Traces traces = Traces.NONE;
        if (settings.otelEndpoint().isPresent())
            traces = closing(new OpenTelemetryTraces(settings.otelEndpoint().get(),
                    "precinct-" + role.name().toLowerCase(Locale.ROOT)));

        // stores: read models, command statuses, checkpoints, idempotency
        ReadSide reads;
        IdempotencyStore idempotency;
        if (settings.jdbcUrl().isPresent()) {
            var database = closing(new PostgresDatabase(settings.jdbcUrl().get(), settings.jdbcUser(),
                    settings.jdbcPassword(), settings.jdbcPoolSize(), catalog.migrations()));
            reads = ReadSide.postgres(catalog, database.jdbi(), codec, new KafkaEventCodec(codec, catalog));
            idempotency = new JdbiIdempotencyStore(database.jdbi(), clock);
            checks.add(new HealthCheck("postgresql", database::isReachable));
        } else {
            reads = ReadSide.inMemory(catalog);
            idempotency = new InMemoryIdempotencyStore(clock);
        }

        // NATS: the command bus, the command dead letters and the projection notices
        Connection nats = null;
        DeadLetterStore deadLetters = new InMemoryDeadLetterStore();
        if (settings.natsUrl().isPresent()) {
            var security = new NatsSecurity(settings.natsCredsFile(), settings.natsUser(), settings.natsPassword(),
                    settings.natsTls());
            nats = NatsConnections.connect(settings.natsUrl().get(), "precinct-" + role.name().toLowerCase(), security);
            closing(nats::close);
            metrics.observe(nats);
            var connection = nats;
            checks.add(new HealthCheck("nats", () -> NatsConnections.isConnected(connection)));
            if (role.runsEdge() || role.runsBusinessLogic()) deadLetters = new JetStreamDeadLetterStore(nats, codec,
                    settings.dlqRetention(), settings.dlqRetentionBytes());
        }

        // the event log
        EventPublisher publisher = null;
        EventSource source;
        EventLookup lookup;
        Function<String, Map<TopicPartition, Long>> endOffsets;
        // where projections send what they cannot apply; an edge without projections only re-drives, never sends
        DeadLetterTopic dlq = new InMemoryDeadLetterTopic();
        // how long a record the producer gave up may take to become visible, plus the publish it was sent in
        var commitHorizon = Duration.ZERO;
        if (settings.kafkaBootstrap().isPresent()) {
            var bootstrap = settings.kafkaBootstrap().get();
            var kafkaSecurity = settings.kafkaSecurity();
            var adminConfig = new Properties();
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            adminConfig.putAll(kafkaSecurity);
            var cluster = closing(new KafkaCluster(Admin.create(adminConfig)));
            var topics = new KafkaTopics(cluster, bootstrap, catalog.topics(),
                    KafkaDeadLetterTopic.TOPIC, new KafkaTopicSettings(settings.topicPartitions(),
                    settings.topicReplication(), settings.topicMinInsyncReplicas(), settings.dlqRetention(),
                    settings.dlqRetentionBytes(), settings.topicCheck()));
            commitHorizon = topics.prepare().commitHorizon().plus(settings.publishTimeout());
            checks.add(new HealthCheck("kafka", () -> cluster.isReachable(Duration.ofSeconds(2))));
            // an operator who chose finite retention (topic.check=warn) keeps a ready edge
            if (settings.topicCheck() == KafkaTopicCheck.FAIL) checks.add(new HealthCheck("kafka-topics", topics::fit));
            var kafkaCodec = new KafkaEventCodec(codec, catalog);
            if (role.runsEdge() || role.runsBusinessLogic()) {
                var producerConfig = KafkaEventPublisher.producerConfig(bootstrap, settings.kafkaPublishTimeout());
                producerConfig.putAll(kafkaSecurity);
                var producer = new KafkaProducer<String, byte[]>(producerConfig);
                metrics.observe(producer);
                publisher = closing(new KafkaEventPublisher(producer, kafkaCodec));
            }
            if (role.runsProjector()) {
                var dlqConfig = KafkaEventPublisher.producerConfig(bootstrap, settings.kafkaPublishTimeout());
                dlqConfig.putAll(kafkaSecurity);
                dlq = closing(new KafkaDeadLetterTopic(new KafkaProducer<>(dlqConfig), kafkaCodec,
                        settings.kafkaPublishTimeout().plusSeconds(1)));
            }
            var consumerBase = new Properties();
            consumerBase.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            consumerBase.putAll(kafkaSecurity);
            var projectorConfig = new Properties();
            projectorConfig.putAll(consumerBase);
            projectorConfig.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    Long.toString(settings.projectorSessionTimeout().toMillis()));
            source = new KafkaEventSource(projectorConfig, kafkaCodec);
            // half the publish timeout: a search that fails still leaves the business logic time to answer
            lookup = new KafkaEventLookup(consumerBase, kafkaCodec, settings.publishTimeout().dividedBy(2));
            endOffsets = topic -> cluster.endOffsets(topic, Duration.ofSeconds(2));
        } else {
            var log = new InMemoryEventLog(settings.topicPartitions());
            publisher = log;
            source = log;
            lookup = log;
            endOffsets = log::endOffsets;
        }

        if (role.runsEdge() || role.runsBusinessLogic()) metrics.observe(deadLetters);

        // the read side: projections and the command-status watch
        var watch = new CommandStatusWatch(reads.statuses(), blocking);
        var readSide = ReadSideAdmin.none();
        // the events the projections (and the operator's re-drives) apply, republished on NATS when asked for
        List<ProjectionListener> fanOut = settings.fanOutNats() && nats != null
                ? List.of(new NatsEventFanOut(nats, codec)) : List.of();
        if (role.runsProjector()) {
            var listeners = new ArrayList<ProjectionListener>();
            if (role.runsEdge()) listeners.add(watch);
            if (nats != null) listeners.add(NatsProjectionNotices.publisher(nats));
            listeners.addAll(fanOut);
            var listener = allOf(listeners);
            var engines = reads.engines(listener, dlq, clock, traces);
            for (var engine : engines) {
                closing(source.subscribe(engine));
                metrics.observeLag(engine, endOffsets);
            }
            readSide = new ReadSideAdmin(engines, rebuilders(reads, source, endOffsets, clock), endOffsets, true);
        } else if (role.runsEdge()) {
            if (nats != null) closing(NatsProjectionNotices.subscribe(nats, watch));
            // engines that run no subscription: the operator's re-drives of parked aggregates, over the shared stores
            var listeners = new ArrayList<ProjectionListener>(List.of(watch));
            listeners.addAll(fanOut);
            readSide = new ReadSideAdmin(reads.engines(allOf(listeners), dlq, clock, Traces.NONE),
                    rebuilders(reads, source, endOffsets, clock), endOffsets, false);
        }
        if (role.runsProjector() || role.runsEdge()) metrics.observe(readSide);

        // the business logic
        HopTimings timings = metrics;
        AcceptCommand handler = null;
        if (role.runsBusinessLogic()) {
            handler = new AcceptCommand(idempotency, reads.stored(), publisher, lookup, deadLetters, clock,
                    settings.publishTimeout(), timings, Thread::startVirtualThread, commitHorizon);
            if (nats != null) closing(new NatsCommandService(nats, catalog, handler, codec, traces));
        }

        // old idempotency keys where the business logic keeps them, old statuses where the projections write them
        var expiring = new ArrayList<Expiry.Target>();
        if (role.runsBusinessLogic())
            expiring.add(new Expiry.Target("idempotency_key", idempotency, settings.idempotencyRetention()));
        if (role.runsProjector())
            expiring.add(new Expiry.Target("command_status", reads.statusExpiry(), settings.commandStatusRetention()));
        if (!expiring.isEmpty())
            closing(new Expiry(expiring, clock, Expiry.DEFAULT_BATCH_SIZE, metrics)).start();

        // the edge
        var operations = new Operations(checks, metrics::scrape, metrics, traces);
        if (role.runsEdge()) {
            CommandGateway requestReply;
            if (nats != null) {
                requestReply = new NatsCommandGateway(nats, codec, settings.requestTimeout(), timings);
            } else {
                var inProcess = handler;
                requestReply = command -> CompletableFuture.supplyAsync(() -> inProcess.handle(command), blocking);
            }
            var fireAndForget = new PublishCommand(publisher, deadLetters, clock, blocking, settings.publishTimeout(),
                    timings);
            var dispatch = new CommandDispatch(requestReply, fireAndForget);
            var edgeSettings = new EdgeSettings(settings.httpHost(), settings.httpPort(), settings.maxBodyBytes(),
                    Duration.ofSeconds(30), Duration.ofSeconds(10), settings.managementPort().isEmpty());
            var queries = new EdgeQueries(reads.queries(), watch);
            commands = new InProcessCommands(dispatch);
            readModels = queries.readModels();
            statuses = watch;
            if (settings.httpEnabled())
                edge = closing(new EdgeServer(edgeSettings, authenticator, catalog, dispatch,
                        queries, operations, codec, blocking,
                        new DeadLetterRedrive(deadLetters, dispatch, blocking), readSide));
        }

        // probes and metrics on a port of their own, in every role; started last, so ready means wired
        if (settings.managementPort().isPresent()) {
            management = closing(EdgeServer.management(settings.managementHost(), settings.managementPort().getAsInt(),
                    operations, codec, blocking));
        } else if (!role.runsEdge()) {
            LOG.info("no PRECINCT_MANAGEMENT_PORT: this process serves no /health or /metrics; set it to probe it");
        }
        LOG.info("Precinct started: role {}, {}", role.name().toLowerCase(), describe(settings));
    }

    /** The read side's rebuilders, each stopped (its copy dropped) when Precinct closes. */
    private List<ProjectionRebuilder<?>> rebuilders(ReadSide reads, EventSource source,
                                                    Function<String, Map<TopicPartition, Long>> endOffsets,
                                                    Clock clock) {
        var rebuilders = reads.rebuilders(source, endOffsets, clock);
        rebuilders.forEach(this::closing);
        return rebuilders;
    }

    /** One listener that tells each of {@code listeners}, in order, everything it hears. */
    private static ProjectionListener allOf(List<ProjectionListener> listeners) {
        var all = List.copyOf(listeners);
        return new ProjectionListener() {
            @Override
            public void decided(Collection<CorrelationId> correlationIds) {
                for (var listener : all) listener.decided(correlationIds);
            }

            @Override
            public void applied(List<EventEnvelope> events) {
                for (var listener : all) listener.applied(events);
            }
        };
    }

    /**
     * The edge's token verifier: RS256/ES256 with the keys of the configured JWKS file, JWKS URL or OpenID Connect
     * discovery document, else HS256 with the configured secret, else (embedded mode only; the settings refuse it
     * elsewhere) HS256 with a secret generated for this run.
     */
    private Authenticator authenticator(Settings settings) throws IOException {
        var rules = new TokenRules(settings.authIssuer().orElse(null), settings.authAudience().orElse(null),
                settings.authRolesClaim());
        if (settings.authJwksFile().isPresent())
            return JwtAuthenticator.jwksFile(Path.of(settings.authJwksFile().get()), rules);
        if (settings.authJwksUrl().isPresent()) return JwtAuthenticator.jwksUrl(settings.authJwksUrl().get(), rules);
        if (settings.authOidcDiscoveryUrl().isPresent())
            return JwtAuthenticator.oidcDiscovery(settings.authOidcDiscoveryUrl().get(), rules);
        tokenSecret = settings.authHs256Secret().map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .orElseGet(Precinct::generatedSecret);
        return JwtAuthenticator.hs256(tokenSecret, rules);
    }

    private static byte[] generatedSecret() {
        var secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** The HS256 secret the edge verifies tokens with (configured or generated), or empty with RS256. */
    Optional<byte[]> tokenSecret() {
        return Optional.ofNullable(tokenSecret).map(byte[]::clone);
    }

    /** The edge's HTTP port; throws {@link IllegalStateException} when this node serves no HTTP edge. */
    public int httpPort() {
        if (edge == null) throw new IllegalStateException("this node serves no HTTP edge");
        return edge.port();
    }

    /**
     * Sends commands in process, as the edge's REST routes do, and answers the same acceptance a {@code 202}
     * carries. Throws {@link IllegalStateException} when the node's role is {@code bl} or {@code projector}.
     */
    public CommandClient commands() {
        if (commands == null) throw new IllegalStateException("only a node with the edge role takes commands");
        return commands;
    }

    /**
     * The read models as queries read them (rows by id, stored views' lists, joins applied). Throws
     * {@link IllegalStateException} when the node's role is {@code bl} or {@code projector}.
     */
    public ReadModels readModels() {
        if (readModels == null) throw new IllegalStateException("only a node with the edge role serves queries");
        return readModels;
    }

    /**
     * The outcome of the command {@code correlationId} names, once its projection decided it: at once when it is
     * known, else as soon as it is, or empty when {@code wait} ran out first. Never polls.
     */
    public CompletableFuture<Optional<CommandStatusView>> commandStatus(CorrelationId correlationId, Duration wait) {
        if (statuses == null) throw new IllegalStateException("only a node with the edge role serves queries");
        return statuses.await(correlationId, wait);
    }

    /**
     * Collects what a node runs: its domains, which transports replace their in-memory stand-ins, its role and
     * whether it serves the HTTP edge; any other setting of the configuration table by its key. The environment is
     * not read: an embedding app says what it wants.
     */
    public static final class Builder {
        private final List<Domain> domains = new ArrayList<>();
        private final List<String> flags = new ArrayList<>();

        private Builder() {
        }

        /** A domain the node runs; at least one. */
        public Builder domain(Domain domain) {
            domains.add(domain);
            return this;
        }

        /** {@code all} (the default), {@code edge}, {@code bl} or {@code projector}. */
        public Builder role(String role) {
            return set("role", role);
        }

        /** NATS instead of the in-memory command bus: comma-separated server URLs. */
        public Builder nats(String urls) {
            return set("nats.url", urls);
        }

        /** Kafka instead of the in-memory event log. */
        public Builder kafka(String bootstrapServers) {
            return set("kafka.bootstrap", bootstrapServers);
        }

        /** PostgreSQL instead of the in-memory stores: read models, checkpoints, idempotency, statuses. */
        public Builder postgres(String jdbcUrl, String user, String password) {
            return set("jdbc.url", jdbcUrl).set("jdbc.user", user).set("jdbc.password", password);
        }

        /** Serves the HTTP edge on {@code port} (0: a free one); the default is 8080. */
        public Builder http(int port) {
            return set("http.enabled", "true").set("http.port", Integer.toString(port));
        }

        /** Serves no HTTP edge: the app sends commands and reads in process. */
        public Builder withoutHttp() {
            return set("http.enabled", "false");
        }

        /** The HS256 secret tokens are signed with (at least 32 bytes); the embedded mode generates one. */
        public Builder tokenSecret(String secret) {
            return set("auth.hs256.secret", secret);
        }

        /** Any setting by its key in the configuration table, e.g. {@code topic.partitions}. */
        public Builder set(String key, String value) {
            flags.add("--" + key + "=" + value);
            return this;
        }

        /**
         * Starts the node; on failure closes what was started and rethrows.
         *
         * @throws IllegalArgumentException for no domain, an unknown setting or a bad value (named)
         */
        public Precinct start() throws Exception {
            if (domains.isEmpty()) throw new IllegalArgumentException("a node runs at least one domain");
            return Precinct.start(Settings.load(Map.of(), flags), Catalog.of(domains));
        }
    }

    /**
     * The management listener's port; throws {@link IllegalStateException} when no {@code PRECINCT_MANAGEMENT_PORT}
     * is set.
     */
    public int managementPort() {
        if (management == null) throw new IllegalStateException("this process has no management listener");
        return management.port();
    }

    /** The routes the edge answers; throws {@link IllegalStateException} when this process runs no edge. */
    List<Route> routes() {
        if (edge == null) throw new IllegalStateException("this process runs no edge");
        return edge.routes();
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    private static String describe(Settings settings) {
        if (settings.embedded()) return "embedded mode (in-memory bus, event log and read models)";
        return "NATS " + settings.natsUrl().orElse("in-memory") + ", Kafka " + settings.kafkaBootstrap().orElse("in-memory")
                + ", PostgreSQL " + settings.jdbcUrl().orElse("in-memory")
                + (settings.fanOutNats() ? ", applied events fanned out on NATS " + NatsEventFanOut.SUBJECT_PREFIX + ">" : "");
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            var closeable = closeables.pop();
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", closeable, e);
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            }
        }
    }
}
