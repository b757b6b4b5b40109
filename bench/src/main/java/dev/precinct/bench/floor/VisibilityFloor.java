package dev.precinct.bench.floor;

import dev.precinct.bench.load.AsyncLoops;
import dev.precinct.bench.load.LoadResult;
import dev.precinct.bench.load.VisibilityWatch;
import dev.precinct.bench.workload.Services;
import dev.precinct.bench.workload.Workload;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The floor of visibility (P4): records produced at a fixed rate (Precinct's producer settings, the bytes of an
 * officer registration), a raw consumer that upserts one row per record in its own transaction, and the same
 * {@link VisibilityWatch} Precinct is measured with, from the producer's acknowledgement to the row.
 */
public final class VisibilityFloor {
    private static final String TABLE = """
            CREATE TABLE IF NOT EXISTS visibility_floor (
                id      text  PRIMARY KEY,
                payload bytea NOT NULL
            )""";
    private static final String UPSERT = """
            INSERT INTO visibility_floor (id, payload) VALUES (?, ?)
            ON CONFLICT (id) DO UPDATE SET payload = excluded.payload""";

    private final Services services;
    private final String jdbcUrl;
    private final String topic;
    private final Workload workload;

    public VisibilityFloor(Services services, String jdbcUrl, String topic, Workload workload) {
        this.services = services;
        this.jdbcUrl = jdbcUrl;
        this.topic = topic;
        this.workload = workload;
    }

    /** Produces at {@code perSecond} for {@code measure}; the latencies are those of visibility. */
    public LoadResult atRate(double perSecond, Duration measure, Duration visibleWithin) throws Exception {
        try (var setup = services.connect(jdbcUrl); var statement = setup.createStatement()) {
            statement.execute(TABLE);
        }
        var template = workload.registerOfficerRecord(topic, "B-1042");
        var consumer = new Upserter();
        var consuming = Thread.ofPlatform().name("visibility-floor-consumer").start(consumer);
        try (var producer = Producers.likePrecinct(services.kafkaBootstrap());
             var watch = new VisibilityWatch(services.connect(jdbcUrl),
                     "SELECT id, true FROM visibility_floor WHERE id = ANY(?)")) {
            consumer.awaitAssigned();
            AsyncLoops.open(perSecond, 1024, Duration.ZERO, measure, () -> send(producer, template, watch));
            return watch.finish(visibleWithin, measure);
        } finally {
            consumer.stop();
            consuming.join();
        }
    }

    private static CompletableFuture<Boolean> send(KafkaProducer<String, byte[]> producer,
                                                   ProducerRecord<String, byte[]> template, VisibilityWatch watch) {
        var id = UUID.randomUUID().toString();
        var acknowledged = new CompletableFuture<Boolean>();
        producer.send(new ProducerRecord<>(template.topic(), null, id, template.value(), template.headers()),
                (metadata, error) -> {
                    if (error != null) {
                        acknowledged.completeExceptionally(error);
                        return;
                    }
                    watch.expect(id, System.nanoTime());
                    acknowledged.complete(true);
                });
        return acknowledged;
    }

    /** Reads the topic from its start and upserts each record's row, one autocommitted statement per record. */
    private final class Upserter implements Runnable {
        private final CompletableFuture<Void> assigned = new CompletableFuture<>();
        private volatile boolean stopping;

        @Override
        public void run() {
            var config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (var kafka = new KafkaConsumer<String, byte[]>(config);
                 var database = services.connect(jdbcUrl);
                 var upsert = database.prepareStatement(UPSERT)) {
                var partitions = kafka.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                kafka.assign(partitions);
                kafka.seekToBeginning(partitions);
                partitions.forEach(kafka::position);
                assigned.complete(null);
                while (!stopping) {
                    for (var record : kafka.poll(Duration.ofMillis(100))) {
                        upsert.setString(1, record.key());
                        upsert.setBytes(2, record.value());
                        upsert.executeUpdate();
                    }
                }
            } catch (Exception e) {
                assigned.completeExceptionally(e);
                throw new IllegalStateException("the visibility floor's consumer failed", e);
            }
        }

        void awaitAssigned() throws Exception {
            assigned.get();
        }

        void stop() {
            stopping = true;
        }
    }
}
