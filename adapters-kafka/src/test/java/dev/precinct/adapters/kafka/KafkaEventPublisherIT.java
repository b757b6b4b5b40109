package dev.precinct.adapters.kafka;

import dev.precinct.codec.json.DecodedCommand;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.log.EventNotStoredException;
import dev.precinct.core.log.EventPosition;
import dev.precinct.police.Police;
import dev.precinct.police.officer.Officers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.precinct.adapters.kafka.KafkaTestSupport.aClosedPort;
import static dev.precinct.adapters.kafka.KafkaTestSupport.bootstrap;
import static dev.precinct.police.officer.OfficerFixtures.aRegisterOfficerRequested;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class KafkaEventPublisherIT {
    private static final JsonCodec JSON = new JsonCodec(Police.catalog());
    private static final KafkaEventCodec CODEC = new KafkaEventCodec(JSON, Police.catalog());
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void createTopics() {
        try (var cluster = KafkaCluster.connect(bootstrap())) {
            cluster.ensureTopics(Police.catalog().topics(), 6, (short) 1, KafkaTopics.KEEP_FOREVER);
        }
    }

    @Test
    void publishedRecordHasTheContractHeadersAndValueAndTheBadgeAsKey() throws Exception {
        var event = aRegisterOfficerRequested();
        EventPosition position;
        try (var publisher = publisher(bootstrap(), WAIT)) {

            position = publisher.publish(event).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        var record = readBack(position);
        var badge = event.subject();
        assertEquals(Officers.TOPIC, position.topic());
        assertEquals(badge, record.key());
        assertEquals(Map.ofEntries(
                Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_id", event.eventId().toString()),
                Map.entry("ce_source", "precinct/bl"),
                Map.entry("ce_type", "RegisterOfficerRequested"),
                Map.entry("ce_subject", badge),
                Map.entry("ce_time", event.time().toString()),
                Map.entry("ce_correlationid", event.correlationId().toString()),
                Map.entry("ce_commandid", event.commandId().value()),
                Map.entry("ce_issuedby", "sgt.lewis"),
                Map.entry("content-type", "application/json"),
                Map.entry("traceparent", event.traceparent()),
                Map.entry("ce_schemaversion", "1")), headers(record));
        assertEquals(12, record.headers().toArray().length, "no header twice");
        assertTrue(headers(record).get("ce_time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                "ce_time is an RFC 3339 UTC time");
        assertEquals(event.time(), Instant.parse(headers(record).get("ce_time")));
        assertArrayEquals(JSON.commands().encode(event.data()), record.value());
        assertEquals(new DecodedCommand.Valid(event.data()),
                JSON.commands().decode(Officers.REGISTER, record.value(), Map.of()));
    }

    @Test
    void publishingToABrokerThatIsNotThereFailsAsNotStoredInsteadOfHanging() throws Exception {
        var publishTimeout = Duration.ofSeconds(2);
        try (var publisher = publisher("127.0.0.1:" + aClosedPort(), publishTimeout)) {

            var future = publisher.publish(aRegisterOfficerRequested());

            // a generous bound: the future must fail on its own, not be abandoned by the caller
            var failure = assertThrows(ExecutionException.class,
                    () -> future.get(publishTimeout.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS));
            // the producer never had the topic's metadata, so the record never left it
            assertInstanceOf(EventNotStoredException.class, failure.getCause());
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, failure.getCause().getCause());
        }
    }

    @Test
    void publishAfterCloseFailsTheFutureInsteadOfThrowing() {
        var publisher = publisher(bootstrap(), WAIT);
        publisher.close();

        var future = publisher.publish(aRegisterOfficerRequested());

        var failure = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(EventNotStoredException.class, failure.getCause());
        assertInstanceOf(IllegalStateException.class, failure.getCause().getCause());
    }

    @Test
    void producerConfigFitsSendAndDeliveryIntoThePublishTimeout() {
        for (var timeout : List.of(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(5))) {
            var config = KafkaEventPublisher.producerConfig(bootstrap(), timeout);

            new KafkaProducer<String, byte[]>(config).close();

            long deliveryMs = Long.parseLong(config.getProperty("delivery.timeout.ms"));
            long lingerMs = Long.parseLong(config.getProperty("linger.ms"));
            long requestMs = Long.parseLong(config.getProperty("request.timeout.ms"));
            long maxBlockMs = Long.parseLong(config.getProperty("max.block.ms"));
            assertTrue(maxBlockMs + deliveryMs <= timeout.toMillis(), "blocking and delivery fit the publish timeout");
            assertTrue(lingerMs + requestMs <= deliveryMs, "linger.ms + request.timeout.ms fit the delivery timeout");
        }
    }

    private static KafkaEventPublisher publisher(String bootstrap, Duration publishTimeout) {
        return new KafkaEventPublisher(
                new KafkaProducer<>(KafkaEventPublisher.producerConfig(bootstrap, publishTimeout)), CODEC);
    }

    private static ConsumerRecord<String, byte[]> readBack(EventPosition position) {
        var partition = new TopicPartition(position.topic(), position.partition());
        try (var consumer = KafkaTestSupport.plainConsumer()) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, position.offset());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200)))
                    if (record.offset() == position.offset()) return record;
            }
        }
        return fail("no record at " + position + " within " + WAIT);
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        var headers = new HashMap<String, String>();
        for (var header : record.headers())
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        return headers;
    }
}
