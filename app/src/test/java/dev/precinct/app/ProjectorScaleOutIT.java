package dev.precinct.app;

import dev.precinct.police.Police;
import dev.precinct.adapters.jdbc.JdbiReadModel;
import dev.precinct.core.domain.ProjectedView;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.adapters.jdbc.PostgresDatabase;
import dev.precinct.adapters.kafka.KafkaCluster;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Projectors scaled out: several subscriptions of one projection share its consumer group and its PostgreSQL store
 * while members join and leave (each a rebalance) in the middle of the stream. Every event is applied exactly once
 * and every checkpoint ends at the log's end: the commits of a projector that lost a partition are fenced off.
 */
class ProjectorScaleOutIT {
    private static final int OFFICERS = 40;
    private static final int CHANGES = 9;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final String topic = "precinct.test.scale-" + UUID.randomUUID();
    private final String name = "officers-scale-" + UUID.randomUUID();
    private final KafkaEventCodec codec = new KafkaEventCodec(new JsonCodec(Police.catalog()), Police.catalog());

    @Test
    void membersJoiningAndLeavingNeitherDoubleNorLoseAnEvent() throws Exception {
        try (var cluster = KafkaCluster.connect(TestServices.kafkaBootstrap());
             var database = new PostgresDatabase(TestServices.freshDatabase(), TestServices.jdbcUser(),
                     TestServices.jdbcPassword());
             var producer = new KafkaProducer<String, byte[]>(
                     KafkaEventPublisher.producerConfig(TestServices.kafkaBootstrap(), Duration.ofSeconds(60)))) {
            cluster.ensureTopics(List.of(topic), 6, (short) 1);
            var store = JdbiReadModel.of(database.jdbi(), new ProjectedView<>(new Slow(name, topic), OfficerFixtures.storage()),
                new JsonCodec(Police.catalog()), codec).store();
            var badges = new ArrayList<String>();
            for (int i = 0; i < OFFICERS; i++) badges.add(OfficerFixtures.aUniqueBadge());
            var sent = new ArrayList<Future<RecordMetadata>>();
            for (var badge : badges)
                sent.add(send(producer, OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(badge))));
            for (int change = 0; change < CHANGES; change++)
                for (var badge : badges)
                    sent.add(send(producer, dutyChange(badge, change % 2 == 0 ? DutyStatus.ON_DUTY : DutyStatus.OFF_DUTY)));
            // the stream must be whole before the projectors start: a lost send would read as a lost event
            for (var stored : sent) stored.get(90, TimeUnit.SECONDS);

            var members = new ArrayList<AutoCloseable>();
            members.add(subscribe(store));
            members.add(subscribe(store));
            for (int round = 0; round < 4; round++) {
                Eventually.await("the member committed a batch", DEADLINE, () -> store.nextOffsets().values().stream().mapToLong(Long::longValue).sum() > 0);
                members.add(subscribe(store));
                members.removeFirst().close();
            }

            Eventually.await("the checkpoints reach the end offsets", DEADLINE, () -> {
                var ends = cluster.endOffsets(topic, Duration.ofSeconds(5));
                var checkpoints = store.nextOffsets();
                return ends.entrySet().stream().allMatch(e -> e.getValue().equals(checkpoints.getOrDefault(e.getKey(), 0L)));
            });
            for (var member : members) member.close();
            var rows = store.load(badges);
            for (var badge : badges) {
                assertEquals(1 + CHANGES, rows.get(badge).version(), badge + ": every event applied once");
                assertEquals(CHANGES % 2 == 1 ? DutyStatus.ON_DUTY : DutyStatus.OFF_DUTY, rows.get(badge).dutyStatus());
            }
        }
    }

    private AutoCloseable subscribe(ProjectionStore<OfficerView> store) {
        var engine = new ProjectionEngine<>(new Slow(name, topic), store, ids -> { }, Clock.systemUTC());
        var consumer = new Properties();
        consumer.put("bootstrap.servers", TestServices.kafkaBootstrap());
        consumer.put("max.poll.records", "20");
        return new KafkaEventSource(consumer, codec).subscribe(engine);
    }

    private Future<RecordMetadata> send(KafkaProducer<String, byte[]> producer, EventEnvelope event) {
        var record = codec.toRecord(event);
        return producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()));
    }

    private static EventEnvelope dutyChange(String badge, DutyStatus status) {
        return new EventEnvelope(UUID.randomUUID(), Officers.CHANGE_DUTY_STATUS,
                new ChangeOfficerDutyStatus(badge, status.name(), null), EventEnvelope.SOURCE_BL, Instant.now(),
                CorrelationId.random(), CommandId.random(), new Principal("sgt.lewis"), OfficerFixtures.aTraceparent());
    }


    /** The officer projection on the test's topic, taking a few milliseconds per event so batches overlap rebalances. */
    private record Slow(String name, String topic) implements Projection<OfficerView> {
        private static final OfficerProjection OFFICERS = new OfficerProjection();

        @Override
        public ReadModel<OfficerView> readModel() {
            return OFFICERS.readModel();
        }

        @Override
        public Decision<OfficerView> decide(OfficerView current, EventEnvelope event) {
            LockSupport.parkNanos(Duration.ofMillis(3).toNanos());
            return OFFICERS.decide(current, event);
        }
    }
}
