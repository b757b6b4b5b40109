package dev.precinct.core.service;

import dev.precinct.core.projection.ParkedAggregate;
import dev.precinct.core.projection.ProjectionStatus;
import dev.precinct.core.log.RawRecord;
import dev.precinct.core.memory.InMemoryCommandStatuses;
import dev.precinct.core.memory.InMemoryDeadLetterTopic;
import dev.precinct.core.memory.InMemoryEventLog;
import dev.precinct.core.memory.InMemoryProjectionStore;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.police.officer.OfficerProjection;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.police.officer.Officers;
import dev.precinct.core.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's view of the read side in memory: where projections stand, pausing, resuming, parked aggregates. */
class ReadSideAdminTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final InMemoryEventLog log = new InMemoryEventLog(1);
    private final InMemoryProjectionStore<OfficerView> store =
            new InMemoryProjectionStore<>(new InMemoryCommandStatuses());
    private final ProjectionEngine<OfficerView> engine = new ProjectionEngine<>(new OfficerProjection(), store,
            new InMemoryDeadLetterTopic(), ids -> { }, Clock.systemUTC());
    private final ReadSideAdmin admin = new ReadSideAdmin(List.of(engine), log::endOffsets, true);
    private AutoCloseable subscription;

    @BeforeEach
    void subscribe() {
        subscription = log.subscribe(engine);
    }

    @AfterEach
    void close() throws Exception {
        subscription.close();
    }

    @Test
    void aProjectionShowsItsCheckpointEndLagAndParkedRecordsPerPartition() {
        var registered = OfficerFixtures.aRegisterOfficerRequested();
        log.publish(registered);
        log.appendPoison(Officers.TOPIC, new RawRecord("B-POISON", "{".getBytes(StandardCharsets.UTF_8), List.of()),
                "not JSON");
        Eventually.await("one parked aggregate", DEADLINE, () -> admin.parked().size() == 1);

        var status = admin.projection(OfficerProjection.NAME).orElseThrow();

        assertEquals(ProjectionStatus.State.RUNNING, status.state());
        assertEquals(List.of(new ProjectionStatus.Partition(0, 2, 2, 0, 1)), status.partitions());
        assertEquals(List.of(status), admin.projections());
        assertTrue(admin.projection("nonsense").isEmpty());
    }

    @Test
    void aPausedProjectionReadsNothingUntilResumed() {
        var first = OfficerFixtures.aRegisterOfficerRequested();
        log.publish(first);
        Eventually.await("the first officer projected", DEADLINE, () -> store.find(first.subject()).isPresent());

        var paused = admin.pause(OfficerProjection.NAME).orElseThrow();
        var second = OfficerFixtures.aRegisterOfficerRequested();
        log.publish(second);

        assertEquals(ProjectionStatus.State.PAUSED, paused.state());
        assertNeverWithin(Duration.ofMillis(500), () -> store.find(second.subject()).isPresent());
        assertEquals(1, admin.projection(OfficerProjection.NAME).orElseThrow().partitions().getFirst().lag());

        var resumed = admin.resume(OfficerProjection.NAME).orElseThrow();

        assertEquals(ProjectionStatus.State.RUNNING, resumed.state());
        Eventually.await("the second officer projected", DEADLINE, () -> store.find(second.subject()).isPresent());
    }

    @Test
    void parkedAggregatesAreListedAndReleasedByTheirIds() {
        var badge = OfficerFixtures.aUniqueBadge();
        log.appendPoison(Officers.TOPIC, new RawRecord(badge, "{".getBytes(StandardCharsets.UTF_8), List.of()),
                "not JSON");
        log.publish(OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(badge)));
        Eventually.await("an aggregate with two parked records", DEADLINE,
                () -> admin.parked().stream().anyMatch(p -> p.events().size() == 2));
        var parked = admin.parked().getFirst();
        var countedBefore = admin.parkedCount();

        var skipped = admin.skip(parked.id()).orElseThrow();

        assertEquals(ParkedAggregate.idOf(OfficerProjection.NAME, badge), parked.id());
        assertEquals(1, skipped.applied());
        assertEquals(2, countedBefore);
        assertEquals(0, admin.parkedCount());
        assertTrue(store.find(badge).isPresent());
        assertTrue(admin.find(parked.id()).isEmpty());
        assertTrue(admin.redrive(parked.id()).isEmpty());
        assertTrue(admin.redrive("3f6c1d2e-8a4b-4c7d-9e1f-2a3b4c5d6e7f").isEmpty(), "a command dead letter's id");
    }

    @Test
    void projectionsRunElsewhereCannotBePausedFromHere() {
        var remote = new ReadSideAdmin(List.of(engine), log::endOffsets, false);

        assertEquals(ProjectionStatus.State.REMOTE, remote.projections().getFirst().state());
        assertThrows(IllegalStateException.class, () -> remote.pause(OfficerProjection.NAME));
        assertFalse(engine.paused());
    }


    private static void assertNeverWithin(Duration window, BooleanSupplier condition) {
        var end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            assertFalse(condition.getAsBoolean());
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
