package dev.precinct.bench.floor;

import dev.precinct.adapters.kafka.KafkaEventPublisher;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;

/** The Kafka producers of the floors. */
final class Producers {
    /** What Precinct's business logic waits for Kafka with the default request timeout (¾ of 2 s). */
    static final Duration PRECINCT_PUBLISH_TIMEOUT = Duration.ofMillis(1500);

    private Producers() {
    }

    /**
     * A producer with exactly Precinct's durability settings (acks=all, idempotent, linger 1 ms), so that a floor
     * differs from Precinct only by what Precinct adds, not by a cheaper acknowledgement.
     */
    static KafkaProducer<String, byte[]> likePrecinct(String bootstrap) {
        return new KafkaProducer<>(KafkaEventPublisher.producerConfig(bootstrap, PRECINCT_PUBLISH_TIMEOUT));
    }

    /** A producer for loading a topic fast: as durable, but batching for up to 20 ms. */
    static KafkaProducer<String, byte[]> bulk(String bootstrap) {
        var config = KafkaEventPublisher.producerConfig(bootstrap, Duration.ofSeconds(120));
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L << 20));
        return new KafkaProducer<>(config);
    }
}
