package dev.precinct.adapters.kafka;

import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventNotStoredException;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.port.EventPublisher;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes events to Kafka through one shared producer, keyed by aggregate id.
 *
 * <p>{@link #publish} returns once the producer has taken the record. It blocks only when the producer must first
 * fetch the metadata of a topic it has not written to yet, or its buffer is full, for at most the producer's
 * {@code max.block.ms}; then the future fails. Otherwise the future completes within the producer's
 * {@code delivery.timeout.ms}: with the record's position once every in-sync replica has it, or exceptionally.
 * It completes on the producer's network thread, so work chained to it with the non-{@code Async} methods
 * must be quick and must not block. {@code publish} never throws. Thread-safe.
 *
 * <p>A failure is an {@link EventNotStoredException} when the record certainly is not in the log: the producer
 * reported it before taking the record into its buffer (no metadata for the topic within {@code max.block.ms}, a
 * closed producer), or the broker refused it for good (too large, invalid, not authorized). Any other failure,
 * typically the delivery time-out while the broker is unreachable, leaves the outcome unknown: the producer may
 * have sent the record, and the broker may have written it, before the acknowledgement was lost.
 */
public final class KafkaEventPublisher implements EventPublisher, AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final int LINGER_MS = 1;
    private static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

    private final Producer<String, byte[]> producer;
    private final KafkaEventCodec codec;

    /** Publishes through {@code producer}, which this publisher closes; see {@link #producerConfig}. */
    public KafkaEventPublisher(Producer<String, byte[]> producer, KafkaEventCodec codec) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The configuration of a durable, ordered producer (acks from every in-sync replica, idempotent, so retries
     * neither duplicate nor reorder an aggregate's events) whose futures always complete within
     * {@code publishTimeout} of {@code publish}: a quarter of it for {@code send} to block on metadata
     * ({@code max.block.ms}), the rest as the delivery timeout, which {@code linger.ms + request.timeout.ms} must
     * fit in. So a caller that waits a little longer than {@code publishTimeout} always learns the outcome.
     */
    public static Properties producerConfig(String bootstrap, Duration publishTimeout) {
        long timeoutMs = publishTimeout.toMillis();
        long maxBlockMs = timeoutMs / 4;
        long deliveryMs = timeoutMs - maxBlockMs;
        if (deliveryMs <= LINGER_MS + 1)
            throw new IllegalArgumentException("publishTimeout must be longer than " + 2 * (LINGER_MS + 1) + " ms");
        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrap, "bootstrap"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(LINGER_MS));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryMs));
        // the producer refuses a delivery timeout shorter than linger.ms + request.timeout.ms
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(Math.min(DEFAULT_REQUEST_TIMEOUT_MS, deliveryMs - LINGER_MS)));
        // the 60 s default would let a publish to a broker that is down hang far beyond the timeout
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.max(1, maxBlockMs)));
        return config;
    }

    @Override
    public CompletableFuture<EventPosition> publish(EventEnvelope event) {
        var stored = new CompletableFuture<EventPosition>();
        var caller = Thread.currentThread();
        var sending = new AtomicBoolean(true);
        try {
            producer.send(codec.toRecord(event), (metadata, exception) -> {
                if (exception == null)
                    stored.complete(new EventPosition(metadata.topic(), metadata.partition(), metadata.offset()));
                // KafkaProducer reports a record it never buffered on the sending thread, before send returns
                else if (sending.get() && Thread.currentThread() == caller || refusedForGood(exception))
                    stored.completeExceptionally(new EventNotStoredException(
                            "Kafka did not take the event: " + exception, exception));
                else stored.completeExceptionally(exception);
            });
        } catch (RuntimeException e) {
            stored.completeExceptionally(new EventNotStoredException("Kafka did not take the event: " + e, e));
        } finally {
            sending.set(false);
        }
        return stored;
    }

    private static boolean refusedForGood(Exception exception) {
        return exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
                || exception instanceof InvalidTopicException
                || exception instanceof AuthorizationException || exception instanceof SerializationException;
    }

    /**
     * Waits up to 10 s for the records already published to be stored, then closes the producer; the futures of
     * records still unsent then fail. Blocks.
     */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
