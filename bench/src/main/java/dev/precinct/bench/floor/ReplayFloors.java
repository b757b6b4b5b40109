package dev.precinct.bench.floor;

import dev.precinct.police.Police;
import dev.precinct.core.domain.Catalog;
import dev.precinct.adapters.kafka.KafkaEventSource;
import dev.precinct.bench.load.ReplayResult;
import dev.precinct.bench.workload.Services;
import dev.precinct.codec.json.DecodedCommand;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.police.observation.Observations;
import dev.precinct.police.observation.RecordObservation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * The floors of a replay (P5), each reading the whole topic from offset 0: a raw consumer that only counts the
 * records; a raw consumer that upserts each poll's records into PostgreSQL as one batch in one transaction; and a
 * Kafka Streams application that decodes each value with Precinct's JSON codec and materialises it in an
 * in-memory key-value store (one stream thread, no changelog: like Precinct's in-memory store, it is rebuilt from
 * the log rather than restored).
 */
public final class ReplayFloors {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String TABLE = """
            CREATE TABLE IF NOT EXISTS replay_floor (
                id        text   PRIMARY KEY,
                partition int    NOT NULL,
                "offset"  bigint NOT NULL,
                payload   bytea  NOT NULL
            )""";
    private static final String UPSERT = """
            INSERT INTO replay_floor (id, partition, "offset", payload) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET partition = excluded.partition, "offset" = excluded."offset",
                payload = excluded.payload""";

    private final String kafkaBootstrap;
    private final String topic;
    private final long events;
    private final Duration timeout;

    public ReplayFloors(String kafkaBootstrap, String topic, long events, Duration timeout) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.topic = topic;
        this.events = events;
        this.timeout = timeout;
    }

    /** Raw consume: every record deserialised to key and value bytes, nothing else. */
    public ReplayResult rawConsume() {
        return consume(records -> { });
    }

    /** Raw consume plus one batched upsert of each poll's records, committed per poll. */
    public ReplayResult rawConsumeWithBatchedUpsert(Services services, String jdbcUrl) throws SQLException {
        try (var database = services.connect(jdbcUrl)) {
            try (var statement = database.createStatement()) {
                statement.execute(TABLE);
            }
            database.setAutoCommit(false);
            try (var upsert = database.prepareStatement(UPSERT)) {
                return consume(records -> {
                    try {
                        for (var record : records) {
                            upsert.setString(1, new String(record.key(), StandardCharsets.UTF_8));
                            upsert.setInt(2, record.partition());
                            upsert.setLong(3, record.offset());
                            upsert.setBytes(4, record.value());
                            upsert.addBatch();
                        }
                        upsert.executeBatch();
                        database.commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException("the batched upsert failed", e);
                    }
                });
            }
        }
    }

    private ReplayResult consume(Consumer<ConsumerRecords<byte[], byte[]>> apply) {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // as Precinct's projection consumer
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(KafkaEventSource.MAX_POLL_RECORDS));
        long startedAt = System.nanoTime();
        long deadline = startedAt + timeout.toNanos();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(config)) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long firstAt = 0;
            while (count < events) {
                if (System.nanoTime() > deadline)
                    throw new IllegalStateException("replayed only " + count + " of " + events + " events in time");
                var records = consumer.poll(POLL);
                if (records.isEmpty()) continue;
                if (firstAt == 0) firstAt = System.nanoTime();
                apply.accept(records);
                count += records.count();
            }
            long doneAt = System.nanoTime();
            return new ReplayResult(count, Duration.ofNanos(doneAt - firstAt), Duration.ofNanos(doneAt - startedAt));
        }
    }

    /** The Kafka Streams application; its state lives under {@code stateDirectory}. */
    public ReplayResult kafkaStreams(String applicationId, Path stateDirectory) throws Exception {
        var config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

        var serde = observationSerde();
        var count = new AtomicLong();
        var firstAt = new AtomicLong();
        var done = new CompletableFuture<Long>();
        var builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), serde))
                .peek((key, observation) -> {
                    long seen = count.incrementAndGet();
                    if (seen == 1) firstAt.set(System.nanoTime());
                    if (seen == events) done.complete(System.nanoTime());
                })
                .toTable(Materialized.<String, RecordObservation>as(Stores.inMemoryKeyValueStore("observations"))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serde)
                        .withLoggingDisabled());
        long startedAt = System.nanoTime();
        var streams = new KafkaStreams(builder.build(), config);
        streams.setUncaughtExceptionHandler(error -> {
            done.completeExceptionally(error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        try {
            streams.start();
            long doneAt = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ReplayResult(events, Duration.ofNanos(doneAt - firstAt.get()),
                    Duration.ofNanos(doneAt - startedAt));
        } finally {
            streams.close(Duration.ofSeconds(20));
            streams.cleanUp();
        }
    }

    /** Observations as Precinct's codec reads and writes them: the Streams application's value serde. */
    private static Serde<RecordObservation> observationSerde() {
        var codec = new JsonCodec(Catalog.of(Police.domain()));
        Deserializer<RecordObservation> deserializer = (topic, bytes) -> switch (
                codec.commands().decode(Observations.RECORD, bytes, Map.of())) {
            case DecodedCommand.Valid valid -> (RecordObservation) valid.data();
            case DecodedCommand.Malformed malformed -> throw new IllegalStateException(malformed.detail());
        };
        return Serdes.serdeFrom((topic, observation) -> codec.commands().encode(observation), deserializer);
    }
}
