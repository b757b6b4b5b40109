package dev.precinct.adapters.kafka;

import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/** The test broker and plain Kafka clients for checking what the adapters wrote. */
final class KafkaTestSupport {
    private KafkaTestSupport() {
    }

    static String bootstrap() {
        return TestServices.kafkaBootstrap();
    }

    /** The connection settings of the consumers of a {@link KafkaEventSource}. */
    static Properties consumerBase() {
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return properties;
    }

    /** A consumer outside any group, for assigning partitions by hand. */
    static KafkaConsumer<String, byte[]> plainConsumer() {
        var properties = consumerBase();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }

    /** A producer that writes whatever records a test makes, well-formed or not. */
    static KafkaProducer<String, byte[]> plainProducer() {
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    /** A new topic no other test uses. */
    static String aNewTopic(int partitions) {
        var topic = "precinct.test." + UUID.randomUUID();
        try (var cluster = KafkaCluster.connect(bootstrap())) {
            cluster.ensureTopics(List.of(topic), partitions, (short) 1);
        }
        return topic;
    }

    /** The offset after the last record of every partition of {@code topic}. */
    static Map<TopicPartition, Long> endOffsets(String topic) {
        try (var consumer = plainConsumer()) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions).entrySet().stream().collect(Collectors.toMap(
                    e -> new TopicPartition(e.getKey().topic(), e.getKey().partition()), Map.Entry::getValue));
        }
    }

    /** A loopback port that nothing listens on. */
    static int aClosedPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
