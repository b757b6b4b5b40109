package dev.precinct.app;

import dev.precinct.adapters.rest.EdgeObserver;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Hop;
import dev.precinct.core.command.WritePath;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.DeadLetterStore;
import dev.precinct.core.port.EventSink;
import dev.precinct.core.port.HopTimings;
import dev.precinct.core.service.Expiry;
import dev.precinct.core.service.ReadSideAdmin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Precinct's metrics in Micrometer, scraped in the Prometheus format at {@code /metrics}: command latency per
 * command, write path and outcome, and per hop (edge, NATS, validation, idempotency, Kafka); HTTP answers per
 * route and status; NATS and Kafka client errors; expired entries; projection
 * lag and dead letters (sampled in the background, so a scrape never waits on a broker); the JVM.
 */
final class PrecinctMetrics implements EdgeObserver, HopTimings, Expiry.Observer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrecinctMetrics.class);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    /** One description for both kinds: Prometheus keeps one help text per metric name. */
    private static final String DEAD_LETTERS = "Dead letters: commands the event log did not take (kind=command), "
            + "records a projection parked because it could not apply them (kind=event)";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("metrics-sampler").daemon().factory());
    private final Map<String, Timer> commandTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> hopTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> expiredCounters = new ConcurrentHashMap<>();
    private AutoCloseable producerMetrics = () -> { };

    PrecinctMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The current metrics in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void request(String method, String route, int status, long nanos) {
        requestTimers.computeIfAbsent(method + " " + route + " " + status, key -> Timer.builder("precinct.http.requests")
                        .description("HTTP answers of the edge")
                        .tags("method", method, "route", route, "status", Integer.toString(status))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records the command's latency, and for request/reply commands its edge hop. */
    @Override
    public void command(CommandType<?> type, String outcome, long nanos) {
        if (type.writePath() == WritePath.REQUEST_REPLY) record(Hop.EDGE, type.name(), outcome, Duration.ofNanos(nanos));
        commandTimers.computeIfAbsent(type.name() + " " + outcome, key -> Timer.builder("precinct.commands")
                        .description("Commands from arrival at the edge to its answer")
                        .tags("command", type.name(), "path", type.writePath().name().toLowerCase(Locale.ROOT),
                                "outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void record(Hop hop, String commandType, String outcome, Duration took) {
        hopTimers.computeIfAbsent(hop.label() + " " + commandType + " " + outcome, key -> Timer.builder("precinct.command.hops")
                        .description("How long each hop of an acknowledged command took")
                        .tags("hop", hop.label(), "command", commandType, "outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(took);
    }

    /** Counts the entries the expiry forgot, as {@code precinct_expired_total{kind=…}}. */
    @Override
    public void expired(String kind, int count) {
        expiredCounters.computeIfAbsent(kind, key -> Counter.builder("precinct.expired")
                        .description("Old entries forgotten after their retention: idempotency keys, command statuses")
                        .tag("kind", kind).register(registry))
                .increment(count);
    }

    /** Counts the NATS client's errors, exceptions and reconnects. */
    void observe(Connection nats) {
        var statistics = nats.getStatistics();
        FunctionCounter.builder("precinct.nats.errors", statistics, s -> s.getErrs() + s.getExceptions())
                .description("Protocol errors and exceptions of the NATS client").register(registry);
        FunctionCounter.builder("precinct.nats.reconnects", statistics, s -> s.getReconnects()).register(registry);
    }

    /** The Kafka producer's own metrics (record errors, retries, request latency…). */
    void observe(Producer<?, ?> producer) {
        var binder = new KafkaClientMetrics(producer);
        binder.bindTo(registry);
        producerMetrics = binder;
    }

    /**
     * Samples, every few seconds, how far {@code projection} is behind the end of its topic, and exposes it as
     * {@code precinct_projection_lag_events{projection=…}}.
     */
    void observeLag(EventSink projection, Function<String, Map<TopicPartition, Long>> endOffsets) {
        var lag = new AtomicLong();
        Gauge.builder("precinct.projection.lag.events", lag, AtomicLong::get)
                .description("Events on the topic the projection has not applied yet")
                .tag("projection", projection.name()).register(registry);
        sample("lag of " + projection.name(), () -> {
            long end = endOffsets.apply(projection.topic()).values().stream().mapToLong(Long::longValue).sum();
            long done = projection.nextOffsets().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(projection.topic()))
                    .mapToLong(Map.Entry::getValue).sum();
            lag.set(Math.max(0, end - done));
        });
    }

    /** Samples the number of dead-lettered commands as {@code precinct_dead_letters{kind="command"}}. */
    void observe(DeadLetterStore deadLetters) {
        var count = new AtomicLong();
        Gauge.builder("precinct.dead.letters", count, AtomicLong::get).tag("kind", "command")
                .description(DEAD_LETTERS).register(registry);
        sample("dead letters", () -> count.set(deadLetters.count()));
    }

    /**
     * Samples the number of records the projections parked as {@code precinct_dead_letters{kind="event"}}: a count,
     * never a read of the parked records.
     */
    void observe(ReadSideAdmin readSide) {
        var count = new AtomicLong();
        Gauge.builder("precinct.dead.letters", count, AtomicLong::get).tag("kind", "event")
                .description(DEAD_LETTERS).register(registry);
        sample("parked events", () -> count.set(readSide.parkedCount()));
    }

    private void sample(String what, Runnable sample) {
        sampler.scheduleWithFixedDelay(() -> {
            try {
                sample.run();
            } catch (RuntimeException e) {
                LOG.debug("sampling the {} failed", what, e);
            }
        }, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        sampler.shutdownNow();
        producerMetrics.close();
        registry.close();
    }
}
