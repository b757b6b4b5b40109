package dev.precinct.app;

import dev.precinct.police.Police;
import dev.precinct.adapters.jdbc.JdbiReadModel;
import dev.precinct.core.domain.ProjectedView;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.adapters.jdbc.PostgresDatabase;
import dev.precinct.adapters.kafka.KafkaCluster;
import dev.precinct.adapters.kafka.KafkaDeadLetterTopic;
import dev.precinct.adapters.kafka.KafkaEventCodec;
import dev.precinct.adapters.kafka.KafkaEventPublisher;
import dev.precinct.adapters.kafka.KafkaEventSource;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.Principal;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ReadModel;
import dev.precinct.police.officer.ChangeOfficerDutyStatus;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.police.officer.OfficerProjection;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.police.officer.Officers;
import dev.precinct.core.service.ProjectionEngine;
import dev.precinct.core.testing.Eventually;
import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sequenced dead-letter queue on real Kafka and PostgreSQL: poison records (bad JSON, an unknown type) and an
 * event the projection fails on are mixed into a stream; each lands in {@code precinct.dlq} with its reason and the
 * original record, its aggregate is parked with its later events behind it, every other aggregate completes, the
 * parking survives a restart of the projection, and after a re-drive (once fixed) or a skip the parked aggregates
 * complete in order. A test projection of its own topic and consumer group, so no other projector interferes.
 */
class SequencedDeadLetterIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final String topic = "precinct.test.dlq-" + UUID.randomUUID();
    private final String name = "officers-dlq-" + UUID.randomUUID();
    private final Set<String> broken = ConcurrentHashMap.newKeySet();
    private final KafkaEventCodec codec = new KafkaEventCodec(new JsonCodec(Police.catalog()), Police.catalog());
    private PostgresDatabase database;
    private Producer<String, byte[]> producer;
    private KafkaDeadLetterTopic dlq;
    private ProjectionStore<OfficerView> store;
    private ProjectionEngine<OfficerView> engine;
    private AutoCloseable subscription;

    @BeforeEach
    void start() {
        try (var cluster = KafkaCluster.connect(TestServices.kafkaBootstrap())) {
            cluster.ensureTopics(List.of(topic, KafkaDeadLetterTopic.TOPIC), 3, (short) 1);
        }
        database = new PostgresDatabase(TestServices.freshDatabase(), TestServices.jdbcUser(),
                TestServices.jdbcPassword());
        store = JdbiReadModel.of(database.jdbi(), new ProjectedView<>(new BrokenFor(Set.of(), name, topic), OfficerFixtures.storage()),
                new JsonCodec(Police.catalog()), codec).store();
        var config = KafkaEventPublisher.producerConfig(TestServices.kafkaBootstrap(), Duration.ofSeconds(10));
        producer = new KafkaProducer<>(config);
        dlq = new KafkaDeadLetterTopic(new KafkaProducer<>(config), codec, Duration.ofSeconds(11));
    }

    @AfterEach
    void stop() throws Exception {
        if (subscription != null) subscription.close();
        if (dlq != null) dlq.close();
        if (producer != null) producer.close();
        if (database != null) database.close();
    }

    /** Starts (or restarts) the projection: a new engine and a new subscription over the same store. */
    private void startProjection() {
        engine = new ProjectionEngine<>(new BrokenFor(broken, name, topic), store, dlq, ids -> { }, Clock.systemUTC());
        var consumer = new Properties();
        consumer.put("bootstrap.servers", TestServices.kafkaBootstrap());
        subscription = new KafkaEventSource(consumer, codec).subscribe(engine);
    }

    @Test
    void poisonAndFailingEventsGoToTheDlqTheirAggregatesParkInOrderAndCompleteAfterRedriveOrSkip() throws Exception {
        var dlqFrom = RealServices.endOffsets(KafkaDeadLetterTopic.TOPIC);
        var healthy = new ArrayList<String>();
        var badJson = OfficerFixtures.aUniqueBadge();
        var unknownType = OfficerFixtures.aUniqueBadge();
        var failing = OfficerFixtures.aUniqueBadge();
        broken.add(failing);

        healthy.add(publish(register(OfficerFixtures.aUniqueBadge())));
        var badJsonRecord = withValue(codec.toRecord(register(badJson)), "{\"badgeNumber\":");
        var badJsonAt = send(badJsonRecord);
        healthy.add(publish(register(OfficerFixtures.aUniqueBadge())));
        var unknownTypeAt = send(withType(codec.toRecord(register(unknownType)), "OfficerTeleportedRequested"));
        var failingEvent = register(failing);
        publish(failingEvent);
        publish(register(badJson));
        publish(dutyChange(badJson, DutyStatus.ON_DUTY));
        healthy.add(publish(register(OfficerFixtures.aUniqueBadge())));
        publish(register(unknownType));
        publish(dutyChange(failing, DutyStatus.ON_DUTY));
        publish(dutyChange(failing, DutyStatus.OFF_DUTY));
        for (int i = 0; i < 5; i++) healthy.add(publish(register(OfficerFixtures.aUniqueBadge())));
        producer.flush();

        startProjection();

        Eventually.await("every healthy officer is projected and every broken aggregate parked", DEADLINE,
                () -> healthy.stream().allMatch(badge -> store.load(List.of(badge)).containsKey(badge))
                        && parkedCount(badJson) == 3 && parkedCount(unknownType) == 2 && parkedCount(failing) == 3);
        assertEquals(Map.of(), store.load(List.of(badJson, unknownType, failing)));
        assertTrue(store.parkedEvents(badJson).get(0).reason().contains("is not a RegisterOfficer"),
                store.parkedEvents(badJson).get(0).reason());
        assertTrue(store.parkedEvents(unknownType).get(0).reason().contains("not a known event type"));
        assertTrue(store.parkedEvents(failing).get(0).reason().contains("a bug for " + failing));
        assertTrue(store.parkedEvents(badJson).get(1).reason().contains("parked behind"));

        var deadLetters = RealServices.records(KafkaDeadLetterTopic.TOPIC, dlqFrom,
                record -> name.equals(header(record, "dlq_projection")));
        assertEquals(3, deadLetters.size(), "one dead letter per failure, none for the records parked behind");
        var byKey = new HashMap<String, ConsumerRecord<String, byte[]>>();
        deadLetters.forEach(record -> byKey.put(record.key(), record));
        var badJsonLetter = byKey.get(badJson);
        assertArrayEquals(badJsonRecord.value(), badJsonLetter.value(), "the original value");
        assertEquals(topic, header(badJsonLetter, "dlq_topic"));
        assertEquals(Integer.toString(badJsonAt.partition()), header(badJsonLetter, "dlq_partition"));
        assertEquals(Long.toString(badJsonAt.offset()), header(badJsonLetter, "dlq_offset"));
        assertTrue(header(badJsonLetter, "dlq_reason").contains("is not a RegisterOfficer"));
        assertEquals("RegisterOfficerRequested", header(badJsonLetter, "ce_type"), "the original headers");
        assertEquals("OfficerTeleportedRequested", header(byKey.get(unknownType), "ce_type"));
        assertEquals(Long.toString(unknownTypeAt.offset()), header(byKey.get(unknownType), "dlq_offset"));
        assertEquals(failingEvent.correlationId().toString(), header(byKey.get(failing), "ce_correlationid"));
        assertTrue(header(byKey.get(failing), "dlq_reason").contains("a bug for " + failing));

        // the projection restarts: the parking is still there, and a new event of a parked aggregate parks behind
        subscription.close();
        subscription = null;
        publish(dutyChange(badJson, DutyStatus.OFF_DUTY));
        producer.flush();
        startProjection();
        Eventually.await("the new event parks behind the others", DEADLINE, () -> parkedCount(badJson) == 4);
        assertEquals(3, parkedCount(failing));
        assertEquals(2, parkedCount(unknownType));

        // fixed: the failing aggregate is re-driven and completes in order
        broken.remove(failing);
        var redriven = engine.redrive(failing).orElseThrow();
        assertEquals(3, redriven.applied());
        assertEquals(0, redriven.stillParked());
        var officer = store.load(List.of(failing)).get(failing);
        assertEquals(DutyStatus.OFF_DUTY, officer.dutyStatus());
        assertEquals(3, officer.version());

        // an unknown type stays unknown: re-driving keeps it parked, skipping it lets the registration apply
        var stillParked = engine.redrive(unknownType).orElseThrow();
        assertEquals(2, stillParked.stillParked());
        assertTrue(stillParked.reason().contains("not a known event type"));
        var skipped = engine.skip(unknownType).orElseThrow();
        assertEquals(1, skipped.applied());
        assertEquals(1, store.load(List.of(unknownType)).get(unknownType).version());

        var skippedBadJson = engine.skip(badJson).orElseThrow();
        assertEquals(3, skippedBadJson.applied());
        var badJsonOfficer = store.load(List.of(badJson)).get(badJson);
        assertEquals(DutyStatus.OFF_DUTY, badJsonOfficer.dutyStatus());
        assertEquals(3, badJsonOfficer.version());
        assertEquals(List.of(), store.parkedEvents());
        for (var badge : healthy) assertEquals(1, store.load(List.of(badge)).get(badge).version(), "applied once");
    }

    private long parkedCount(String aggregateId) {
        return store.parkedEvents(aggregateId).size();
    }

    private EventEnvelope register(String badge) {
        return OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(badge));
    }

    private static EventEnvelope dutyChange(String badge, DutyStatus status) {
        return new EventEnvelope(UUID.randomUUID(), Officers.CHANGE_DUTY_STATUS,
                new ChangeOfficerDutyStatus(badge, status.name(), null), EventEnvelope.SOURCE_BL, Instant.now(),
                CorrelationId.random(), CommandId.random(), new Principal("sgt.lewis"), OfficerFixtures.aTraceparent());
    }

    /** Publishes {@code event} to the test topic; returns its aggregate id. */
    private String publish(EventEnvelope event) throws Exception {
        send(codec.toRecord(event));
        return event.subject();
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record)
            throws Exception {
        return producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()))
                .get();
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, String value) {
        return new ProducerRecord<>(record.topic(), null, record.key(), value.getBytes(StandardCharsets.UTF_8),
                record.headers());
    }

    private static ProducerRecord<String, byte[]> withType(ProducerRecord<String, byte[]> record, String type) {
        var headers = Arrays.stream(record.headers().toArray())
                .map(h -> h.key().equals("ce_type") ? new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8))
                        : h)
                .toList();
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }


    /** The officer projection on the test's own topic and name, failing for the events of {@code broken} aggregates. */
    private record BrokenFor(Set<String> broken, String name, String topic) implements Projection<OfficerView> {
        private static final OfficerProjection OFFICERS = new OfficerProjection();

        @Override
        public ReadModel<OfficerView> readModel() {
            return OFFICERS.readModel();
        }

        @Override
        public Decision<OfficerView> decide(OfficerView current, EventEnvelope event) {
            if (broken.contains(event.subject())) throw new IllegalStateException("a bug for " + event.subject());
            return OFFICERS.decide(current, event);
        }
    }
}
