package dev.precinct.adapters.kafka;

import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.port.EventLookup;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Searches Kafka for the event an earlier attempt of a command may have published. Each search (they are rare)
 * uses a short-lived consumer of its own, outside any consumer group, assigned to the one partition the producer's
 * default partitioner gives the event's key; it reads from the first record whose timestamp (the producer's clock)
 * is at or after {@code since} to the partition's end offset at the start of the search, and matches the
 * {@code ce_commandid} header. Blocks for at most the timeout given, then throws
 * {@link org.apache.kafka.common.KafkaException} (a {@link TimeoutException} when the broker does not answer).
 * Thread-safe.
 */
public final class KafkaEventLookup implements EventLookup {
    private static final String COMMAND_ID = "ce_commandid";
    private static final Duration POLL = Duration.ofMillis(100);

    private final Properties consumerBase;
    private final KafkaEventCodec codec;
    private final Duration timeout;

    /**
     * @param consumerBase the connection settings ({@code bootstrap.servers}, security)
     * @param timeout      the longest a search may take
     */
    public KafkaEventLookup(Properties consumerBase, KafkaEventCodec codec, Duration timeout) {
        this.consumerBase = new Properties();
        this.consumerBase.putAll(Objects.requireNonNull(consumerBase, "consumerBase"));
        this.codec = Objects.requireNonNull(codec, "codec");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Optional<RecordedEvent> find(EventEnvelope intended, Instant since) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var consumer = new KafkaConsumer<String, byte[]>(consumerConfig());
        try {
            var partitions = consumer.partitionsFor(intended.topic(), left(deadline));
            if (partitions.isEmpty()) throw new TimeoutException("no partitions of " + intended.topic() + " known");
            // the partition KafkaProducer picks for a keyed record when no partitioner is configured
            var partition = new TopicPartition(intended.topic(), BuiltInPartitioner.partitionForKey(
                    intended.subject().getBytes(StandardCharsets.UTF_8), partitions.size()));
            var end = consumer.endOffsets(List.of(partition), left(deadline)).get(partition);
            var from = consumer.offsetsForTimes(Map.of(partition, since.toEpochMilli()), left(deadline)).get(partition);
            if (from == null || from.offset() >= end) return Optional.empty();
            consumer.assign(List.of(partition));
            consumer.seek(partition, from.offset());
            var commandId = intended.commandId().value().getBytes(StandardCharsets.UTF_8);
            while (consumer.position(partition, left(deadline)) < end) {
                for (var record : consumer.poll(POLL)) {
                    if (record.offset() >= end) return Optional.empty();
                    var header = record.headers().lastHeader(COMMAND_ID);
                    if (header == null || !intended.subject().equals(record.key())
                            || !Arrays.equals(commandId, header.value())) continue;
                    if (codec.fromRecord(record) instanceof RecordedEvent found) return Optional.of(found);
                }
                left(deadline);
            }
            return Optional.empty();
        } finally {
            // no group, no commits: nothing to wait for
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    /** The time left until {@code deadline}; throws {@link TimeoutException} when none is. */
    private Duration left(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new TimeoutException("searching Kafka took longer than " + timeout.toMillis() + " ms");
        return Duration.ofNanos(left);
    }

    private Properties consumerConfig() {
        var config = new Properties();
        config.putAll(consumerBase);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1, timeout.toMillis())));
        return config;
    }
}
