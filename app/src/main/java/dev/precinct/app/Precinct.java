package dev.precinct.app;

import dev.precinct.adapters.jdbc.JdbiIdempotencyStore;
import dev.precinct.adapters.jdbc.PostgresDatabase;
import dev.precinct.adapters.kafka.KafkaCluster;
import dev.precinct.adapters.kafka.KafkaEventCodec;
import dev.precinct.adapters.kafka.KafkaEventPublisher;
import dev.precinct.adapters.kafka.KafkaEventSource;
import dev.precinct.adapters.nats.JetStreamDeadLetterStore;
import dev.precinct.adapters.nats.NatsCommandGateway;
import dev.precinct.adapters.nats.NatsCommandService;
import dev.precinct.adapters.nats.NatsConnections;
import dev.precinct.adapters.nats.NatsSecurity;
import dev.precinct.adapters.nats.NatsProjectionNotices;
import dev.precinct.adapters.rest.Authenticator;
import dev.precinct.adapters.rest.EdgeQueries;
import dev.precinct.adapters.rest.EdgeServer;
import dev.precinct.adapters.rest.EdgeSettings;
import dev.precinct.adapters.rest.HealthCheck;
import dev.precinct.adapters.rest.JwtAuthenticator;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.Route;
import dev.precinct.core.catalog.CommandCatalog;
import dev.precinct.core.memory.InMemoryDeadLetterStore;
import dev.precinct.core.memory.InMemoryEventLog;
import dev.precinct.core.memory.InMemoryIdempotencyStore;
import dev.precinct.core.port.CommandGateway;
import dev.precinct.core.port.DeadLetterStore;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.EventSource;
import dev.precinct.core.port.IdempotencyStore;
import dev.precinct.core.port.ProjectionListener;
import dev.precinct.core.service.AcceptCommand;
import dev.precinct.core.service.CommandDispatch;
import dev.precinct.core.service.CommandStatusWatch;
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
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One running Precinct process: every object built by hand, in one readable place, for the configured role;
 * {@link #close()} closes them in reverse order (stop intake, drain, flush, stop consuming, release stores).
 */
public final class Precinct implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Precinct.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private EdgeServer edge;
    private byte[] tokenSecret;

    private Precinct() {
    }

    /** Starts everything {@code settings} asks for; on failure closes what was started and rethrows. */
    public static Precinct start(Settings settings) throws Exception {
        var precinct = new Precinct();
        try {
            precinct.wire(settings);
            return precinct;
        } catch (Exception | Error e) {
            precinct.close();
            throw e;
        }
    }

    private void wire(Settings settings) throws Exception {
        var role = settings.role();
        // microseconds: what PostgreSQL keeps, so both modes show the same times
        var clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
        var codec = new JsonCodec();
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        closing(blocking::close);
        var checks = new ArrayList<HealthCheck>();
        var authenticator = authenticator(settings);

        // stores: read models, command statuses, checkpoints, idempotency
        ReadSide reads;
        IdempotencyStore idempotency;
        if (settings.jdbcUrl().isPresent()) {
            var database = closing(new PostgresDatabase(settings.jdbcUrl().get(), settings.jdbcUser(),
                    settings.jdbcPassword(), settings.jdbcPoolSize()));
            reads = ReadSide.postgres(database.jdbi());
            idempotency = new JdbiIdempotencyStore(database.jdbi(), clock);
            checks.add(new HealthCheck("postgresql", database::isReachable));
        } else {
            reads = ReadSide.inMemory();
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
            var connection = nats;
            checks.add(new HealthCheck("nats", () -> NatsConnections.isConnected(connection)));
            if (role.runsEdge() || role.runsBusinessLogic()) deadLetters = new JetStreamDeadLetterStore(nats, codec);
        }

        // the event log
        EventPublisher publisher = null;
        EventSource source;
        if (settings.kafkaBootstrap().isPresent()) {
            var bootstrap = settings.kafkaBootstrap().get();
            var kafkaSecurity = settings.kafkaSecurity();
            var adminConfig = new Properties();
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            adminConfig.putAll(kafkaSecurity);
            var cluster = closing(new KafkaCluster(Admin.create(adminConfig)));
            cluster.ensureTopics(CommandCatalog.topics(), settings.topicPartitions(), settings.topicReplication());
            checks.add(new HealthCheck("kafka", () -> cluster.isReachable(Duration.ofSeconds(2))));
            var kafkaCodec = new KafkaEventCodec(codec);
            if (role.runsEdge() || role.runsBusinessLogic()) {
                var producerConfig = KafkaEventPublisher.producerConfig(bootstrap, settings.kafkaPublishTimeout());
                producerConfig.putAll(kafkaSecurity);
                publisher = closing(new KafkaEventPublisher(new KafkaProducer<>(producerConfig), kafkaCodec));
            }
            var consumerBase = new Properties();
            consumerBase.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            consumerBase.putAll(kafkaSecurity);
            source = new KafkaEventSource(consumerBase, kafkaCodec);
        } else {
            var log = new InMemoryEventLog(settings.topicPartitions());
            publisher = log;
            source = log;
        }

        // the read side: projections and the command-status watch
        var watch = new CommandStatusWatch(reads.statuses(), blocking);
        if (role.runsProjector()) {
            ProjectionListener listener = role.runsEdge() ? watch : ignored -> { };
            if (nats != null) {
                var notices = NatsProjectionNotices.publisher(nats);
                var local = listener;
                listener = ids -> {
                    local.decided(ids);
                    notices.decided(ids);
                };
            }
            for (var engine : reads.engines(listener, clock)) closing(source.subscribe(engine));
        } else if (role.runsEdge() && nats != null) {
            closing(NatsProjectionNotices.subscribe(nats, watch));
        }

        // the business logic
        AcceptCommand handler = null;
        if (role.runsBusinessLogic()) {
            handler = new AcceptCommand(idempotency, reads.readModels(), publisher, deadLetters, clock,
                    settings.publishTimeout());
            if (nats != null) closing(new NatsCommandService(nats, handler, codec));
        }

        // the edge
        if (role.runsEdge()) {
            CommandGateway requestReply;
            if (nats != null) {
                requestReply = new NatsCommandGateway(nats, codec, settings.requestTimeout());
            } else {
                var inProcess = handler;
                requestReply = command -> CompletableFuture.supplyAsync(() -> inProcess.handle(command), blocking);
            }
            var fireAndForget = new PublishCommand(publisher, deadLetters, clock, blocking, settings.publishTimeout());
            var edgeSettings = new EdgeSettings(settings.httpHost(), settings.httpPort(), settings.maxBodyBytes(),
                    Duration.ofSeconds(30), Duration.ofSeconds(10));
            var queries = new EdgeQueries(reads.officers(), reads.incidents(), reads.observations(), watch);
            edge = closing(new EdgeServer(edgeSettings, authenticator, new CommandDispatch(requestReply, fireAndForget),
                    queries, List.copyOf(checks), codec, blocking));
        }
        LOG.info("Precinct started: role {}, {}", role.name().toLowerCase(), describe(settings));
    }

    /**
     * The edge's token verifier: RS256 with the configured JWKS file, else HS256 with the configured secret, else
     * (embedded mode only; the settings refuse it elsewhere) HS256 with a secret generated for this run.
     */
    private Authenticator authenticator(Settings settings) throws IOException {
        var issuer = settings.authIssuer().orElse(null);
        var audience = settings.authAudience().orElse(null);
        if (settings.authJwksFile().isPresent())
            return JwtAuthenticator.rs256(Path.of(settings.authJwksFile().get()), issuer, audience);
        tokenSecret = settings.authHs256Secret().map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .orElseGet(Precinct::generatedSecret);
        return JwtAuthenticator.hs256(tokenSecret, issuer, audience);
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

    /** The edge's HTTP port; throws {@link IllegalStateException} when this process runs no edge. */
    public int httpPort() {
        if (edge == null) throw new IllegalStateException("this process runs no edge");
        return edge.port();
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
                + ", PostgreSQL " + settings.jdbcUrl().orElse("in-memory");
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
