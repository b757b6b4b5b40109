package dev.precinct.core.contract;

import dev.precinct.core.projection.CheckpointConflictException;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.event.Delivery;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.projection.ParkedEvent;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.log.RawRecord;
import dev.precinct.core.projection.CommandStatus;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Principal;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.police.officer.Rank;
import dev.precinct.core.port.CommandStatusQueries;
import dev.precinct.core.view.ViewQueries;
import dev.precinct.core.port.Expirable;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.port.RecordCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every {@link ProjectionStore} must do, shown on the officer read model, its command statuses and its
 * checkpoints. A subclass hands a fresh, empty store and the query ports that read what it committed.
 * Times have whole microseconds, the precision of a database timestamp.
 */
public abstract class ProjectionStoreContract {
    private static final TopicPartition PARTITION_0 = new TopicPartition("officer-events", 0);
    private static final TopicPartition PARTITION_1 = new TopicPartition("officer-events", 1);
    private static final Instant REGISTERED_AT = Instant.parse("2025-03-01T08:15:30.123456Z");

    private ProjectionStore<OfficerView> store;
    private ViewQueries<OfficerView> officers;
    private CommandStatusQueries statuses;

    /** A new, empty store of the officer projection. */
    protected abstract ProjectionStore<OfficerView> newStore();

    /** Reads the officer rows of the store last made by {@link #newStore()}. */
    protected abstract ViewQueries<OfficerView> officers();

    /** Reads the command statuses of the store last made by {@link #newStore()}. */
    protected abstract CommandStatusQueries statuses();

    /** Expires the command statuses of the store last made by {@link #newStore()}. */
    protected abstract Expirable statusExpiry();

    @BeforeEach
    void createStore() {
        store = newStore();
        officers = officers();
        statuses = statuses();
    }

    @Test
    void emptyStoreHasNoOffsetsRowsOrOutcomes() {
        var commandId = CommandId.random();

        var offsets = store.nextOffsets();
        var rows = store.load(List.of("B-100"));
        var decided = store.decided(List.of(commandId));

        assertEquals(Map.of(), offsets);
        assertEquals(Map.of(), rows);
        assertEquals(Set.of(), decided);
        assertEquals(0, store.parkedCount());
    }

    @Test
    void committedBatchIsSeenByLoadOffsetsAndDecided() {
        var officer = anOfficer("B-100");
        var status = anAppliedStatus("B-100");

        store.commit(new ProjectionBatch<>(Map.of("B-100", officer), List.of(status), Map.of(PARTITION_0, 7L)));

        assertEquals(Map.of("B-100", officer), store.load(List.of("B-100")));
        assertEquals(Map.of(PARTITION_0, 7L), store.nextOffsets());
        assertEquals(Set.of(status.commandId()), store.decided(List.of(status.commandId(), CommandId.random())));
    }

    @Test
    void expiredStatusesAreNeitherFoundNorDecidedAndFreshOnesStay() {
        var old = anAppliedStatus("B-100");
        var fresh = decidedAt(anAppliedStatus("B-200"), REGISTERED_AT.plusSeconds(3_600));
        store.commit(new ProjectionBatch<>(Map.of(), List.of(old, fresh), Map.of(PARTITION_0, 2L)));

        var expired = statusExpiry().expire(REGISTERED_AT.plusSeconds(1), 100);

        assertEquals(1, expired);
        assertEquals(Optional.empty(), statuses.find(old.correlationId()));
        assertEquals(Set.of(fresh.commandId()), store.decided(List.of(old.commandId(), fresh.commandId())));
        assertEquals(Optional.of(fresh), statuses.find(fresh.correlationId()));
    }

    @Test
    void statusExpiryForgetsAtMostTheLimitPerCall() {
        var old = List.of(anAppliedStatus("B-1"), anAppliedStatus("B-2"), anAppliedStatus("B-3"));
        store.commit(new ProjectionBatch<>(Map.of(), old, Map.of()));
        var cutoff = REGISTERED_AT.plusSeconds(1);

        var batches = List.of(statusExpiry().expire(cutoff, 2), statusExpiry().expire(cutoff, 2),
                statusExpiry().expire(cutoff, 2));

        assertEquals(List.of(2, 1, 0), batches);
    }

    @Test
    void loadReturnsOnlyTheRowsThatExist() {
        var first = anOfficer("B-100");
        var second = anOfficer("B-200");
        store.commit(new ProjectionBatch<>(Map.of("B-100", first, "B-200", second), List.of(), Map.of()));

        var rows = store.load(List.of("B-100", "B-300", "B-200"));

        assertEquals(Map.of("B-100", first, "B-200", second), rows);
    }

    @Test
    void lookupsOfNoIdsAreEmpty() {
        store.commit(new ProjectionBatch<>(Map.of("B-100", anOfficer("B-100")), List.of(anAppliedStatus("B-100")),
                Map.of()));

        var rows = store.load(List.of());
        var decided = store.decided(List.of());

        assertEquals(Map.of(), rows);
        assertEquals(Set.of(), decided);
    }

    @Test
    void secondCommitOverwritesRowsAndAdvancesOffsets() {
        var registered = anOfficer("B-100");
        store.commit(new ProjectionBatch<>(Map.of("B-100", registered), List.of(anAppliedStatus("B-100")),
                Map.of(PARTITION_0, 7L)));
        // no current incident: the officer projection never sets one (the incident projection keeps it)
        var onDuty = new OfficerView("B-100", "Jane", "Tennison", Rank.INSPECTOR, "CID Southampton Row",
                DutyStatus.ON_DUTY, null, REGISTERED_AT, REGISTERED_AT.plusSeconds(3600), 2);

        store.commit(new ProjectionBatch<>(Map.of("B-100", onDuty), List.of(anAppliedStatus("B-100")),
                Map.of(PARTITION_0, 9L)));

        assertEquals(Map.of("B-100", onDuty), store.load(List.of("B-100")));
        assertEquals(Map.of(PARTITION_0, 9L), store.nextOffsets());
    }

    @Test
    void commitKeepsTheOffsetsOfPartitionsItDoesNotMention() {
        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION_0, 7L, PARTITION_1, 3L)));

        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION_1, 5L)));

        assertEquals(Map.of(PARTITION_0, 7L, PARTITION_1, 5L), store.nextOffsets());
    }

    @Test
    void emptyCommitChangesNothing() {
        var officer = anOfficer("B-100");
        store.commit(new ProjectionBatch<>(Map.of("B-100", officer), List.of(), Map.of(PARTITION_0, 7L)));

        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of()));

        assertEquals(Map.of("B-100", officer), store.load(List.of("B-100")));
        assertEquals(Map.of(PARTITION_0, 7L), store.nextOffsets());
    }

    @Test
    void statusesAreFindableByCorrelationId() {
        var applied = anAppliedStatus("B-100");
        var rejected = new CommandStatusView(CorrelationId.random(), CommandId.random(), "RegisterOfficer",
                CommandStatus.REJECTED, "badge B-100 is already registered", "/api/v1/officers/B-100",
                new Principal("sgt.lewis"), REGISTERED_AT.plusMillis(5), REGISTERED_AT.plusMillis(9));

        store.commit(new ProjectionBatch<>(Map.of("B-100", anOfficer("B-100")), List.of(applied, rejected),
                Map.of(PARTITION_0, 2L)));

        assertEquals(Optional.of(applied), statuses.find(applied.correlationId()));
        assertEquals(Optional.of(rejected), statuses.find(rejected.correlationId()));
        assertEquals(Optional.empty(), statuses.find(CorrelationId.random()));
    }

    @Test
    void committedOfficersAreFindableByBadge() {
        var officer = anOfficer("B-100");

        store.commit(new ProjectionBatch<>(Map.of("B-100", officer), List.of(), Map.of(PARTITION_0, 1L)));

        assertEquals(Optional.of(officer), officers.find("B-100"));
        assertEquals(Optional.empty(), officers.find("B-999"));
    }

    @Test
    void decidedNamesOnlyCommandsWithAnOutcome() {
        var first = anAppliedStatus("B-100");
        var second = anAppliedStatus("B-200");
        store.commit(new ProjectionBatch<>(Map.of(), List.of(first, second), Map.of(PARTITION_0, 2L)));

        var decided = store.decided(List.of(first.commandId(), CommandId.random(), second.commandId()));

        assertEquals(Set.of(first.commandId(), second.commandId()), decided);
    }

    @Test
    void parkedRecordsAreKeptInLogOrderPerAggregateUntilReleased() {
        var second = aParkedPoison("B-100", 9, "parked behind");
        var first = aParkedPoison("B-100", 4, "not JSON");
        var other = aParkedPoison("B-200", 5, "unknown type");
        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION_0, 10L), List.of(second, first,
                other), List.of(), Map.of()));

        assertEquals(Set.of("B-100"), store.parked(List.of("B-100", "B-300")));
        assertEquals(List.of(4L, 9L), offsets(store.parkedEvents("B-100")));
        assertEquals(List.of("not JSON", "parked behind"),
                store.parkedEvents("B-100").stream().map(ParkedEvent::reason).toList());
        assertEquals("B-100", ((PoisonRecord) store.parkedEvents("B-100").getFirst().delivery()).key());
        assertEquals(List.of("B-100", "B-100", "B-200"),
                store.parkedEvents().stream().map(ParkedEvent::aggregateId).toList());
        assertEquals(3, store.parkedCount());

        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(), List.of(),
                List.of(first.position(), other.position()), Map.of()));

        assertEquals(List.of(9L), offsets(store.parkedEvents("B-100")));
        assertEquals(1, store.parkedCount());
        assertEquals(Set.of(), store.parked(List.of("B-200")));
        assertEquals(List.of(), store.parkedEvents("B-200"));
    }

    @Test
    void parkingARecordAgainReplacesItsReason() {
        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(), List.of(aParkedPoison("B-100", 4, "old")),
                List.of(), Map.of()));

        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(), List.of(aParkedPoison("B-100", 4, "new")),
                List.of(), Map.of()));

        assertEquals(List.of("new"), store.parkedEvents("B-100").stream().map(ParkedEvent::reason).toList());
    }

    @Test
    void aBatchReadFromACheckpointAnotherProjectorMovedCommitsNothing() {
        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION_0, 7L), List.of(), List.of(),
                Map.of(PARTITION_0, 0L)));

        assertThrows(CheckpointConflictException.class, () -> store.commit(new ProjectionBatch<>(
                Map.of("B-100", anOfficer("B-100")), List.of(), Map.of(PARTITION_0, 6L),
                List.of(aParkedPoison("B-100", 5, "x")), List.of(), Map.of(PARTITION_0, 5L))));

        assertEquals(Map.of(PARTITION_0, 7L), store.nextOffsets());
        assertEquals(Map.of(), store.load(List.of("B-100")));
        assertEquals(List.of(), store.parkedEvents());
    }

    @Test
    void aBatchReadFromItsCheckpointOrAfterAGapCommits() {
        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION_0, 7L), List.of(), List.of(),
                Map.of(PARTITION_0, 0L)));

        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION_0, 9L), List.of(), List.of(),
                Map.of(PARTITION_0, 7L)));
        store.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION_0, 20L, PARTITION_1, 4L),
                List.of(), List.of(), Map.of(PARTITION_0, 12L, PARTITION_1, 3L)));

        assertEquals(Map.of(PARTITION_0, 20L, PARTITION_1, 4L), store.nextOffsets());
    }

    /**
     * The records of parked events as the contract's stores keep them: every record a poison record, decoded as
     * such again (the reason travels beside it).
     */
    public static final RecordCodec POISON_RECORDS = new RecordCodec() {
        @Override
        public RawRecord encode(EventEnvelope event) {
            throw new UnsupportedOperationException("the contract parks poison records only");
        }

        @Override
        public Delivery decode(EventPosition position, RawRecord record) {
            return new PoisonRecord(position, record, "kept as stored");
        }
    };

    private static ParkedEvent aParkedPoison(String key, long offset, String reason) {
        var record = new RawRecord(key, "{not json".getBytes(StandardCharsets.UTF_8),
                List.of(new RawRecord.Header("ce_type", "Nonsense".getBytes(StandardCharsets.UTF_8))));
        var poison = new PoisonRecord(new EventPosition(PARTITION_0.topic(), PARTITION_0.partition(), offset), record,
                reason);
        return new ParkedEvent(key, poison, reason, REGISTERED_AT);
    }

    private static List<Long> offsets(List<ParkedEvent> parked) {
        return parked.stream().map(p -> p.position().offset()).toList();
    }

    /** A newly registered officer without an incident. */
    protected static OfficerView anOfficer(String badge) {
        return new OfficerView(badge, "Jane", "Tennison", Rank.INSPECTOR, "CID Southampton Row", DutyStatus.OFF_DUTY,
                null, REGISTERED_AT, REGISTERED_AT, 1);
    }

    /** {@code status} as decided at {@code appliedAt}. */
    protected static CommandStatusView decidedAt(CommandStatusView status, Instant appliedAt) {
        return new CommandStatusView(status.correlationId(), status.commandId(), status.commandType(), status.status(),
                status.reason(), status.resource(), status.issuedBy(), status.acceptedAt(), appliedAt);
    }

    /** The outcome of registering {@code badge}. */
    protected static CommandStatusView anAppliedStatus(String badge) {
        return new CommandStatusView(CorrelationId.random(), CommandId.random(), "RegisterOfficer",
                CommandStatus.APPLIED, null, "/api/v1/officers/" + badge, new Principal("sgt.lewis"),
                REGISTERED_AT.minusMillis(2), REGISTERED_AT);
    }
}
