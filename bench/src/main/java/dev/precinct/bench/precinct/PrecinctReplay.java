package dev.precinct.bench.precinct;

import dev.precinct.police.Police;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.domain.ProjectedView;
import dev.precinct.adapters.jdbc.JdbiReadModel;
import dev.precinct.adapters.jdbc.PostgresDatabase;
import dev.precinct.adapters.kafka.KafkaEventCodec;
import dev.precinct.adapters.kafka.KafkaEventSource;
import dev.precinct.bench.load.ReplayResult;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.memory.InMemoryCommandStatuses;
import dev.precinct.core.memory.InMemoryProjectionStore;
import dev.precinct.police.observation.ObservationProjection;
import dev.precinct.police.observation.ObservationView;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.service.ProjectionEngine;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Replays a topic of observation events from offset 0 through what Precinct's projector runs: a
 * {@link KafkaEventSource} subscription feeding a {@link ProjectionEngine} over the observation projection, into
 * the in-memory store or the PostgreSQL store. The projection is Precinct's own, renamed so that it reads the
 * benchmark's topic in a consumer group of its own.
 */
public final class PrecinctReplay {
    private static final JsonCodec CODEC = new JsonCodec(Catalog.of(Police.domain()));
    private static final KafkaEventCodec RECORDS = new KafkaEventCodec(CODEC, Catalog.of(Police.domain()));

    private final String kafkaBootstrap;
    private final String topic;
    private final long events;
    private final Duration timeout;

    public PrecinctReplay(String kafkaBootstrap, String topic, long events, Duration timeout) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.topic = topic;
        this.events = events;
        this.timeout = timeout;
    }

    /** Into {@link InMemoryProjectionStore}, what an all-in-one Precinct without PostgreSQL projects into. */
    public ReplayResult intoMemory(String name) throws Exception {
        return replay(name, new InMemoryProjectionStore<>(new InMemoryCommandStatuses()));
    }

    /** Into {@link JdbiProjectionStore} on {@code database}, what Precinct's projector runs with PostgreSQL. */
    public ReplayResult intoPostgres(String name, PostgresDatabase database) throws Exception {
        var view = new ProjectedView<>(new RenamedProjection<>(new ObservationProjection(), name, topic),
                StoredView.of(ObservationView.MODEL).build());
        return replay(name, JdbiReadModel.of(database.jdbi(), view, CODEC, RECORDS).store());
    }

    private ReplayResult replay(String name, ProjectionStore<ObservationView> store) throws Exception {
        var projection = new RenamedProjection<>(new ObservationProjection(), name, topic);
        var engine = new ProjectionEngine<>(projection, store, decided -> { }, Clock.systemUTC());
        var sink = new CountingSink(engine, events);
        var consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        var source = new KafkaEventSource(consumer, RECORDS);
        long startedAt = System.nanoTime();
        try (var subscription = source.subscribe(sink)) {
            long doneAt = sink.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ReplayResult(events, Duration.ofNanos(doneAt - sink.firstAt()),
                    Duration.ofNanos(doneAt - startedAt));
        }
    }
}
