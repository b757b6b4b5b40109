package dev.precinct.adapters.kafka;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.police.Police;
import dev.precinct.core.contract.EventLogContract;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.EventSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.Map;

import static dev.precinct.adapters.kafka.KafkaTestSupport.bootstrap;

class KafkaEventLogIT extends EventLogContract {
    private static final KafkaEventCodec CODEC = new KafkaEventCodec(new JsonCodec(Police.catalog()), Police.catalog());

    private KafkaEventPublisher publisher;

    @BeforeAll
    static void createTopics() {
        try (var cluster = KafkaCluster.connect(bootstrap())) {
            cluster.ensureTopics(Police.catalog().topics(), 6, (short) 1, KafkaTopics.KEEP_FOREVER);
        }
    }

    @AfterEach
    void closePublisher() {
        publisher.close();
    }

    @Override
    protected EventPublisher publisher() {
        publisher = new KafkaEventPublisher(
                new KafkaProducer<>(KafkaEventPublisher.producerConfig(bootstrap(), Duration.ofSeconds(30))), CODEC);
        return publisher;
    }

    @Override
    protected EventSource source() {
        return new KafkaEventSource(KafkaTestSupport.consumerBase(), CODEC);
    }

    @Override
    protected Map<TopicPartition, Long> endOffsets(String topic) {
        return KafkaTestSupport.endOffsets(topic);
    }
}
