package dev.precinct.app;

import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/** Starts Precinct on the real servers of the test run, and reads Kafka as a foreign client would. */
final class RealServices {
    private RealServices() {
    }

    /** Settings for {@code role} on the test run's servers; {@code moreFlags} come last, so they win. */
    static Settings settings(String jdbcUrl, String role, String... moreFlags) throws Exception {
        var flags = new ArrayList<>(List.of(
                "--role=" + role,
                "--http.host=127.0.0.1",
                "--http.port=0",
                "--nats.url=" + TestServices.natsUrl(),
                "--kafka.bootstrap=" + TestServices.kafkaBootstrap(),
                "--jdbc.url=" + jdbcUrl,
                "--jdbc.user=" + TestServices.jdbcUser(),
                "--jdbc.password=" + TestServices.jdbcPassword(),
                "--auth.hs256.secret=" + TestTokens.SECRET));
        flags.addAll(List.of(moreFlags));
        return Settings.load(Map.of(), flags);
    }

    static KafkaConsumer<String, byte[]> consumer() {
        return consumer(TestServices.kafkaBootstrap());
    }

    /** A consumer outside any group, for assigning partitions by hand, on the brokers of {@code bootstrap}. */
    static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        var properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
        properties.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(properties);
    }

    /** The end offset of every partition of {@code topic}. */
    static Map<TopicPartition, Long> endOffsets(String topic) {
        return endOffsets(TestServices.kafkaBootstrap(), topic);
    }

    /** The end offset of every partition of {@code topic} on the brokers of {@code bootstrap}. */
    static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) {
        try (var consumer = consumer(bootstrap)) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /** Every record of {@code topic} from {@code from} up to the end offsets of now that {@code wanted} accepts. */
    static List<ConsumerRecord<String, byte[]>> records(String topic, Map<TopicPartition, Long> from,
                                                        Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return records(TestServices.kafkaBootstrap(), topic, from, wanted);
    }

    /** As {@link #records(String, Map, Predicate)}, on the brokers of {@code bootstrap}. */
    static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic, Map<TopicPartition, Long> from,
                                                        Predicate<ConsumerRecord<String, byte[]>> wanted) {
        try (var consumer = consumer(bootstrap)) {
            var end = consumer.endOffsets(from.keySet());
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            var found = new ArrayList<ConsumerRecord<String, byte[]>>();
            var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (from.keySet().stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read " + topic + " to its end");
                for (var record : consumer.poll(Duration.ofMillis(200))) if (wanted.test(record)) found.add(record);
            }
            return found;
        }
    }
}
