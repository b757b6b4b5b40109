package dev.precinct.core.service;

import dev.precinct.core.projection.CommandStatus;
import dev.precinct.core.projection.CheckpointConflictException;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.projection.ParkedEvent;
import dev.precinct.core.command.Principal;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.log.RawRecord;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.memory.InMemoryDeadLetterTopic;
import dev.precinct.police.officer.ChangeOfficerDutyStatus;
import dev.precinct.police.officer.DutyStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import static org.junit.jupiter.api.Assertions.assertThrows;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.Delivery;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.memory.InMemoryCommandStatuses;
import dev.precinct.core.memory.InMemoryProjectionStore;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.core.port.ProjectionListener;
import dev.precinct.police.officer.OfficerProjection;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.police.officer.Officers;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The projection engine over the in-memory store: outcomes, duplicates, poison and checkpoints. */
class ProjectionEngineTest {
    private final InMemoryCommandStatuses statuses = new InMemoryCommandStatuses();
    private final InMemoryProjectionStore<OfficerView> store = new InMemoryProjectionStore<>(statuses);
    private final List<CorrelationId> decided = new ArrayList<>();
    private final InMemoryDeadLetterTopic dlq = new InMemoryDeadLetterTopic();
    /** The aggregates whose events the projection cannot apply (a bug), until the test fixes it. */
    private final Set<String> broken = new HashSet<>();
    private final ProjectionEngine<OfficerView> engine =
            new ProjectionEngine<>(new BrokenFor(broken), store, dlq, decided::addAll, Clock.systemUTC());

    private static RecordedEvent at(long offset, EventEnvelope event) {
        return new RecordedEvent(event, new EventPosition(Officers.TOPIC, 0, offset));
    }

    private static PoisonRecord poison(long offset, String key, String reason) {
        var record = new RawRecord(key, "{not json".getBytes(StandardCharsets.UTF_8),
                List.of(new RawRecord.Header("ce_type", "Nonsense".getBytes(StandardCharsets.UTF_8))));
        return new PoisonRecord(new EventPosition(Officers.TOPIC, 0, offset), record, reason);
    }

    private static EventEnvelope dutyChange(String badge, DutyStatus status) {
        return new EventEnvelope(UUID.randomUUID(), Officers.CHANGE_DUTY_STATUS,
                new ChangeOfficerDutyStatus(badge, status.name(), null), EventEnvelope.SOURCE_BL, Instant.now(),
                CorrelationId.random(), CommandId.random(), new Principal("sgt.lewis"), OfficerFixtures.aTraceparent());
    }

    private List<Long> parkedOffsets(String aggregateId) {
        return store.parkedEvents(aggregateId).stream().map(p -> p.position().offset()).toList();
    }

    /** The officer projection, failing for the events of the aggregates in {@code broken}. */
    private record BrokenFor(Set<String> broken) implements Projection<OfficerView> {
        private static final OfficerProjection OFFICERS = new OfficerProjection();

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
            if (broken.contains(event.subject())) throw new IllegalStateException("a bug for " + event.subject());
            return OFFICERS.decide(current, event);
        }
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
    void theListenerHearsTheAppliedEventsOnlyAfterTheirCommitAndNotTheRejectedDuplicateOrParkedOnes() {
        var committedWhenTold = new ArrayList<Boolean>();
        var applied = new ArrayList<EventEnvelope>();
        var listening = new ProjectionEngine<>(new BrokenFor(broken), store, dlq, new ProjectionListener() {
            @Override
            public void decided(Collection<CorrelationId> correlationIds) {
            }

            @Override
            public void applied(List<EventEnvelope> events) {
                events.forEach(event -> committedWhenTold.add(store.find(event.subject()).isPresent()));
                applied.addAll(events);
            }
        }, Clock.systemUTC());
        var first = OfficerFixtures.aRegisterOfficerRequested();
        var rejected = OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(first.subject()));
        var onDuty = dutyChange(first.subject(), DutyStatus.ON_DUTY);
        var brokenOne = OfficerFixtures.aRegisterOfficerRequested();
        broken.add(brokenOne.subject());

        listening.accept(List.of(at(0, first), at(1, rejected), at(2, onDuty), at(3, brokenOne)));
        listening.accept(List.of(at(4, first)));

        assertEquals(List.of(first, onDuty), applied);
        assertEquals(List.of(true, true), committedWhenTold);
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
    void aPoisonRecordIsParkedAndTheEventsOfOtherAggregatesAroundItApply() {
        var before = OfficerFixtures.aRegisterOfficerRequested();
        var after = OfficerFixtures.aRegisterOfficerRequested();
        List<Delivery> batch = List.of(at(0, before), poison(1, "K-1", "not JSON"), at(2, after));

        engine.accept(batch);

        assertTrue(store.find(before.subject()).isPresent());
        assertTrue(store.find(after.subject()).isPresent());
        assertEquals(3L, store.nextOffsets().get(new TopicPartition(Officers.TOPIC, 0)));
        assertEquals(List.of("K-1"), store.parkedEvents().stream().map(ParkedEvent::aggregateId).toList());
        assertEquals(1, dlq.deadLetters().size());
        assertEquals("not JSON", dlq.deadLetters().getFirst().reason());
        assertEquals(OfficerProjection.NAME, dlq.deadLetters().getFirst().projection());
    }

    @Test
    void aFailingEventParksItsAggregateAndItsLaterEventsWhileOtherAggregatesFlowOn() {
        var register = OfficerFixtures.aRegisterOfficerRequested();
        var badge = register.subject();
        var other = OfficerFixtures.aRegisterOfficerRequested();
        var onDuty = dutyChange(badge, DutyStatus.ON_DUTY);
        broken.add(badge);

        engine.accept(List.of(at(0, register), at(1, other), at(2, onDuty)));

        assertTrue(store.find(badge).isEmpty());
        assertTrue(store.find(other.subject()).isPresent());
        assertEquals(List.of(0L, 2L), parkedOffsets(badge));
        assertTrue(store.parkedEvents(badge).get(0).reason().contains("a bug for " + badge));
        assertTrue(store.parkedEvents(badge).get(1).reason().contains("parked behind"));
        assertEquals(1, dlq.deadLetters().size(), "only the failing event goes to the DLQ topic");
        assertEquals(3L, store.nextOffsets().get(new TopicPartition(Officers.TOPIC, 0)));
    }

    @Test
    void anAggregateStaysParkedInLaterBatches() {
        var register = OfficerFixtures.aRegisterOfficerRequested();
        var badge = register.subject();
        broken.add(badge);
        engine.accept(List.of(at(0, register)));
        broken.remove(badge);

        engine.accept(List.of(at(1, dutyChange(badge, DutyStatus.ON_DUTY))));

        assertTrue(store.find(badge).isEmpty());
        assertEquals(List.of(0L, 1L), parkedOffsets(badge));
    }

    @Test
    void aRedriveAfterTheFixAppliesTheParkedEventsInOrder() {
        var register = OfficerFixtures.aRegisterOfficerRequested();
        var badge = register.subject();
        var onDuty = dutyChange(badge, DutyStatus.ON_DUTY);
        var offDuty = dutyChange(badge, DutyStatus.OFF_DUTY);
        broken.add(badge);
        engine.accept(List.of(at(0, register), at(1, onDuty), at(2, offDuty)));
        broken.remove(badge);

        var redrive = engine.redrive(badge).orElseThrow();

        assertEquals(3, redrive.applied());
        assertEquals(0, redrive.stillParked());
        assertEquals(DutyStatus.OFF_DUTY, store.find(badge).orElseThrow().dutyStatus());
        assertEquals(3, store.find(badge).orElseThrow().version());
        assertEquals(List.of(), store.parkedEvents(badge));
        assertEquals(CommandStatus.APPLIED, statuses.find(offDuty.correlationId()).orElseThrow().status());
        assertTrue(decided.contains(register.correlationId()));
    }

    @Test
    void aRedriveThatStillFailsKeepsTheAggregateParked() {
        var register = OfficerFixtures.aRegisterOfficerRequested();
        var badge = register.subject();
        broken.add(badge);
        engine.accept(List.of(at(0, register), at(1, dutyChange(badge, DutyStatus.ON_DUTY))));

        var redrive = engine.redrive(badge).orElseThrow();

        assertEquals(0, redrive.applied());
        assertEquals(2, redrive.stillParked());
        assertTrue(redrive.reason().contains("a bug for " + badge));
        assertEquals(List.of(0L, 1L), parkedOffsets(badge));
        assertTrue(store.find(badge).isEmpty());
        assertEquals(1, dlq.deadLetters().size(), "a re-drive sends nothing to the DLQ topic again");
    }

    @Test
    void aSkipDropsTheFirstParkedRecordAndAppliesTheRestInOrder() {
        var badge = OfficerFixtures.aUniqueBadge();
        var register = OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(badge));
        var onDuty = dutyChange(badge, DutyStatus.ON_DUTY);
        engine.accept(List.of(poison(0, badge, "unknown type"), at(1, register), at(2, onDuty)));

        var skip = engine.skip(badge).orElseThrow();

        assertEquals(1, skip.skipped());
        assertEquals(2, skip.applied());
        assertEquals(DutyStatus.ON_DUTY, store.find(badge).orElseThrow().dutyStatus());
        assertEquals(List.of(), store.parkedEvents());
    }

    @Test
    void aDuplicateParkedBehindIsDroppedOnRedrive() {
        var register = OfficerFixtures.aRegisterOfficerRequested();
        var badge = register.subject();
        broken.add(badge);
        engine.accept(List.of(at(0, register), at(1, register)));
        broken.remove(badge);

        var redrive = engine.redrive(badge).orElseThrow();

        assertEquals(0, redrive.stillParked());
        assertEquals(1, store.find(badge).orElseThrow().version());
    }

    @Test
    void redriveOrSkipOfAnAggregateWithNothingParkedIsEmpty() {
        assertTrue(engine.redrive("B-404").isEmpty());
        assertTrue(engine.skip("B-404").isEmpty());
    }

    @Test
    void aPoisonRecordWithoutAKeyGoesToTheDlqTopicAndParksNothing() {
        engine.accept(List.of(poison(0, null, "no key")));

        assertEquals(1, dlq.deadLetters().size());
        assertEquals(List.of(), store.parkedEvents());
        assertEquals(1L, store.nextOffsets().get(new TopicPartition(Officers.TOPIC, 0)));
    }

    @Test
    void aBatchReadFromACheckpointAnotherProjectorHasMovedCommitsNothing() {
        var first = OfficerFixtures.aRegisterOfficerRequested();
        var stale = OfficerFixtures.aRegisterOfficerRequested();
        engine.accept(List.of(at(0, first), at(1, OfficerFixtures.aRegisterOfficerRequested())));

        assertThrows(CheckpointConflictException.class, () -> engine.accept(List.of(at(1, stale))));

        assertTrue(store.find(stale.subject()).isEmpty());
        assertEquals(2L, store.nextOffsets().get(new TopicPartition(Officers.TOPIC, 0)));
    }
}
