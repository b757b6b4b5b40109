package dev.precinct.core.service;

import dev.precinct.core.CommandStatus;
import dev.precinct.core.CorrelationId;
import dev.precinct.core.Delivery;
import dev.precinct.core.EventEnvelope;
import dev.precinct.core.EventPosition;
import dev.precinct.core.PoisonRecord;
import dev.precinct.core.RecordedEvent;
import dev.precinct.core.TopicPartition;
import dev.precinct.core.memory.InMemoryCommandStatuses;
import dev.precinct.core.memory.InMemoryProjectionStore;
import dev.precinct.core.officer.OfficerFixtures;
import dev.precinct.core.officer.OfficerProjection;
import dev.precinct.core.officer.OfficerView;
import dev.precinct.core.officer.Officers;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The projection engine over the in-memory store: outcomes, duplicates, poison and checkpoints. */
class ProjectionEngineTest {
    private final InMemoryCommandStatuses statuses = new InMemoryCommandStatuses();
    private final InMemoryProjectionStore<OfficerView> store = new InMemoryProjectionStore<>(statuses);
    private final List<CorrelationId> decided = new ArrayList<>();
    private final ProjectionEngine<OfficerView> engine =
            new ProjectionEngine<>(new OfficerProjection(), store, decided::addAll, Clock.systemUTC());

    private static RecordedEvent at(long offset, EventEnvelope event) {
        return new RecordedEvent(event, new EventPosition(Officers.TOPIC, 0, offset));
    }

    @Test
    void appliedAndRejectedCommandsGetTheirStatusAndTheCheckpointAdvances() {
        var first = OfficerFixtures.aRegisterOfficerRequested();
        var again = OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(first.subject()));

        engine.accept(List.of(at(0, first), at(1, again)));

        assertEquals(CommandStatus.APPLIED, statuses.find(first.correlationId()).orElseThrow().status());
        var rejected = statuses.find(again.correlationId()).orElseThrow();
        assertEquals(CommandStatus.REJECTED, rejected.status());
        assertTrue(rejected.reason().contains("already registered"));
        assertEquals(1, store.find(first.subject()).orElseThrow().version());
        assertEquals(Map.of(new TopicPartition(Officers.TOPIC, 0), 2L), store.nextOffsets());
        assertEquals(List.of(first.correlationId(), again.correlationId()), decided);
    }

    @Test
    void aSecondEventOfTheSameCommandIdIsDroppedEvenInALaterBatch() {
        var event = OfficerFixtures.aRegisterOfficerRequested();
        var duplicate = new EventEnvelope(java.util.UUID.randomUUID(), event.type(), event.data(), event.source(),
                event.time(), CorrelationId.random(), event.commandId(), event.issuedBy(), event.traceparent());

        engine.accept(List.of(at(0, event)));
        engine.accept(List.of(at(1, duplicate)));

        assertTrue(statuses.find(duplicate.correlationId()).isEmpty());
        assertEquals(CommandStatus.APPLIED, statuses.find(event.correlationId()).orElseThrow().status());
        assertEquals(2L, store.nextOffsets().get(new TopicPartition(Officers.TOPIC, 0)));
    }

    @Test
    void aPoisonRecordIsSkippedAndTheEventsAroundItApply() {
        var before = OfficerFixtures.aRegisterOfficerRequested();
        var after = OfficerFixtures.aRegisterOfficerRequested();
        List<Delivery> batch = List.of(at(0, before),
                new PoisonRecord(new EventPosition(Officers.TOPIC, 0, 1), "K", "not JSON"), at(2, after));

        engine.accept(batch);

        assertTrue(store.find(before.subject()).isPresent());
        assertTrue(store.find(after.subject()).isPresent());
        assertEquals(3L, store.nextOffsets().get(new TopicPartition(Officers.TOPIC, 0)));
    }
}
