package dev.precinct.adapters.kafka;

import dev.precinct.core.event.EventDeadLetter;
import dev.precinct.core.port.DeadLetterTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The DLQ topic {@code precinct.dlq} in Kafka. Each dead letter is the original record (key, value and headers, as
 * stored; an event a projection failed on is encoded again as its producer wrote it) with the headers
 * {@code dlq_reason}, {@code dlq_projection}, {@code dlq_topic}, {@code dlq_partition} and {@code dlq_offset}
 * added. {@link #publish} blocks until every in-sync replica has it, at most {@code timeout}, and throws a
 * {@link KafkaException} otherwise. Thread-safe; closing closes the producer.
 */
public final class KafkaDeadLetterTopic implements DeadLetterTopic, AutoCloseable {
    /** The DLQ topic's name. */
    public static final String TOPIC = "precinct.dlq";

    private final Producer<String, byte[]> producer;
    private final KafkaEventCodec codec;
    private final Duration timeout;

    /** Publishes through {@code producer} (see {@link KafkaEventPublisher#producerConfig}), which it closes. */
    public KafkaDeadLetterTopic(Producer<String, byte[]> producer, KafkaEventCodec codec, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void publish(EventDeadLetter deadLetter) {
        var original = codec.recordOf(deadLetter.delivery());
        var position = deadLetter.delivery().position();
        var headers = new ArrayList<Header>();
        for (var header : original.headers()) headers.add(new RecordHeader(header.name(), header.value()));
        headers.add(header("dlq_reason", deadLetter.reason()));
        headers.add(header("dlq_projection", deadLetter.projection()));
        headers.add(header("dlq_topic", position.topic()));
        headers.add(header("dlq_partition", Integer.toString(position.partition())));
        headers.add(header("dlq_offset", Long.toString(position.offset())));
        try {
            producer.send(new ProducerRecord<>(TOPIC, null, original.key(), original.value(), headers))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing a dead letter to " + TOPIC, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("the dead letter of " + position + " did not reach " + TOPIC, e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
