package dev.precinct.adapters.jdbc;

import dev.precinct.core.projection.CheckpointConflictException;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.command.Principal;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.police.officer.ChangeOfficerDutyStatus;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.police.officer.OfficerProjection;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.police.officer.Officers;
import dev.precinct.core.service.ProjectionEngine;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fencing on real PostgreSQL: a projector that lost its partition in a rebalance while it held a batch (here: its
 * projection is held inside the batch) cannot commit it over the work of the projector that took the partition
 * over, so no update is lost, no event applied twice and the checkpoint never goes back.
 */
class ProjectionFencingIT {
    private static final TopicPartition PARTITION = new TopicPartition(Officers.TOPIC, 0);

    private PostgresDatabase database;
    private JdbiProjectionStore<OfficerView> store;

    @BeforeEach
    void connect() {
        database = new PostgresDatabase(TestServices.freshDatabase(), TestServices.jdbcUser(),
                TestServices.jdbcPassword());
        store = new JdbiProjectionStore<>(database.jdbi(), OfficerProjection.NAME, PoliceTables.officers(database.jdbi()));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theFormerOwnersBatchFailsAndTheNewOwnersWorkStands() throws Exception {
        var badge = OfficerFixtures.aUniqueBadge();
        var register = OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(badge));
        var onDuty = dutyChange(badge, DutyStatus.ON_DUTY);
        var offDuty = dutyChange(badge, DutyStatus.OFF_DUTY);
        var held = new Held();
        var formerOwner = engine(held);
        var newOwner = engine(new Held());
        held.hold();

        var former = CompletableFuture.runAsync(() -> formerOwner.accept(List.of(at(0, register), at(1, onDuty))));
        assertTrue(held.entered.await(10, TimeUnit.SECONDS), "the former owner is inside its batch");
        newOwner.accept(List.of(at(0, register), at(1, onDuty), at(2, offDuty)));
        held.release.countDown();

        var failure = assertThrows(ExecutionException.class, () -> former.get(10, TimeUnit.SECONDS));
        assertInstanceOf(CheckpointConflictException.class, failure.getCause());
        var officer = store.load(List.of(badge)).get(badge);
        assertEquals(DutyStatus.OFF_DUTY, officer.dutyStatus(), "the new owner's update is not lost");
        assertEquals(3, officer.version(), "every event applied once");
        assertEquals(3L, store.nextOffsets().get(PARTITION), "the checkpoint did not go back");
    }

    @Test
    void theNewOwnerReadingFromAStaleCheckpointFailsAndReadsAgain() {
        var badge = OfficerFixtures.aUniqueBadge();
        var register = OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(badge));
        var onDuty = dutyChange(badge, DutyStatus.ON_DUTY);
        var first = engine(new Held());
        var second = engine(new Held());
        first.accept(List.of(at(0, register), at(1, onDuty)));

        assertThrows(CheckpointConflictException.class, () -> second.accept(List.of(at(0, register))));
        second.accept(List.of(at(2, dutyChange(badge, DutyStatus.OFF_DUTY))));

        assertEquals(3, store.load(List.of(badge)).get(badge).version());
        assertEquals(3L, store.nextOffsets().get(PARTITION));
    }

    private ProjectionEngine<OfficerView> engine(Held held) {
        return new ProjectionEngine<>(held, store, ids -> { }, Clock.systemUTC());
    }

    private static RecordedEvent at(long offset, EventEnvelope event) {
        return new RecordedEvent(event, new EventPosition(PARTITION.topic(), PARTITION.partition(), offset));
    }

    private static EventEnvelope dutyChange(String badge, DutyStatus status) {
        return new EventEnvelope(UUID.randomUUID(), Officers.CHANGE_DUTY_STATUS,
                new ChangeOfficerDutyStatus(badge, status.name(), null), EventEnvelope.SOURCE_BL, Instant.now(),
                CorrelationId.random(), CommandId.random(), new Principal("sgt.lewis"), OfficerFixtures.aTraceparent());
    }

    /** The officer projection, which can be held inside its first decision until released. */
    private static final class Held implements Projection<OfficerView> {
        private static final OfficerProjection OFFICERS = new OfficerProjection();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean holding;

        void hold() {
            holding = true;
        }

        @Override
        public String name() {
            return OFFICERS.name();
        }

        @Override
        public String topic() {
            return OFFICERS.topic();
        }

        @Override
        public ReadModel<OfficerView> readModel() {
            return OFFICERS.readModel();
        }

        @Override
        public Decision<OfficerView> decide(OfficerView current, EventEnvelope event) {
            if (holding) {
                holding = false;
                entered.countDown();
                try {
                    if (!release.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return OFFICERS.decide(current, event);
        }
    }
}
