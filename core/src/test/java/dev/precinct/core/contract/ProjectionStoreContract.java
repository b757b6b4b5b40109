package dev.precinct.core.contract;

import dev.precinct.core.CommandId;
import dev.precinct.core.CommandStatus;
import dev.precinct.core.CommandStatusView;
import dev.precinct.core.CorrelationId;
import dev.precinct.core.Principal;
import dev.precinct.core.ProjectionBatch;
import dev.precinct.core.TopicPartition;
import dev.precinct.core.officer.DutyStatus;
import dev.precinct.core.officer.OfficerView;
import dev.precinct.core.officer.Rank;
import dev.precinct.core.port.CommandStatusQueries;
import dev.precinct.core.port.OfficerQueries;
import dev.precinct.core.port.ProjectionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    private OfficerQueries officers;
    private CommandStatusQueries statuses;

    /** A new, empty store of the officer projection. */
    protected abstract ProjectionStore<OfficerView> newStore();

    /** Reads the officer rows of the store last made by {@link #newStore()}. */
    protected abstract OfficerQueries officers();

    /** Reads the command statuses of the store last made by {@link #newStore()}. */
    protected abstract CommandStatusQueries statuses();

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

    /** A newly registered officer without an incident. */
    protected static OfficerView anOfficer(String badge) {
        return new OfficerView(badge, "Jane", "Tennison", Rank.INSPECTOR, "CID Southampton Row", DutyStatus.OFF_DUTY,
                null, REGISTERED_AT, REGISTERED_AT, 1);
    }

    /** The outcome of registering {@code badge}. */
    protected static CommandStatusView anAppliedStatus(String badge) {
        return new CommandStatusView(CorrelationId.random(), CommandId.random(), "RegisterOfficer",
                CommandStatus.APPLIED, null, "/api/v1/officers/" + badge, new Principal("sgt.lewis"),
                REGISTERED_AT.minusMillis(2), REGISTERED_AT);
    }
}
