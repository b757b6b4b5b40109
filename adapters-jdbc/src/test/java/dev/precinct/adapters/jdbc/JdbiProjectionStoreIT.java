package dev.precinct.adapters.jdbc;

import dev.precinct.core.projection.CommandStatus;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.contract.ProjectionStoreContract;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.core.port.CommandStatusQueries;
import dev.precinct.core.view.ViewQueries;
import dev.precinct.core.port.Expirable;
import dev.precinct.core.contract.Expiries;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JdbiProjectionStoreIT extends ProjectionStoreContract {
    private static final TopicPartition PARTITION = new TopicPartition("officer-events", 0);

    private PostgresDatabase database;
    private String jdbcUrl;

    @Override
    protected ProjectionStore<OfficerView> newStore() {
        jdbcUrl = TestServices.freshDatabase();
        database = new PostgresDatabase(jdbcUrl, TestServices.jdbcUser(),
                TestServices.jdbcPassword());
        return new JdbiProjectionStore<>(database.jdbi(), "officers", PoliceTables.officers(database.jdbi()), POISON_RECORDS);
    }

    @Override
    protected ViewQueries<OfficerView> officers() {
        return PoliceTables.officers(database.jdbi());
    }

    @Override
    protected CommandStatusQueries statuses() {
        return new JdbiCommandStatusQueries(database.jdbi());
    }

    @Override
    protected Expirable statusExpiry() {
        return new JdbiCommandStatusExpiry(database.jdbi());
    }

    @Test
    void expirersOnSeparatePoolsDeleteEveryOldStatusOnceWithoutErrors() throws Exception {
        var store = new JdbiProjectionStore<>(database.jdbi(), "officers", PoliceTables.officers(database.jdbi()));
        var statuses = IntStream.range(0, 120).mapToObj(i -> anAppliedStatus("B-" + i)).toList();
        store.commit(new ProjectionBatch<>(Map.of(), statuses, Map.of()));
        var fresh = decidedAt(anAppliedStatus("B-fresh"), statuses.getFirst().appliedAt().plusSeconds(60));
        store.commit(new ProjectionBatch<>(Map.of(), List.of(fresh), Map.of()));
        var other = new PostgresDatabase(jdbcUrl, TestServices.jdbcUser(), TestServices.jdbcPassword());
        var expirers = List.of(new JdbiCommandStatusExpiry(database.jdbi()), new JdbiCommandStatusExpiry(other.jdbi()));
        var turn = new AtomicInteger();
        var cutoff = fresh.appliedAt().minusSeconds(1);

        long deleted;
        try (other) {
            deleted = Expiries.race(8,
                    () -> expirers.get(turn.getAndIncrement() % 2).expire(cutoff, 10));
        }

        assertEquals(120, deleted);
        assertEquals(Optional.of(fresh), new JdbiCommandStatusQueries(database.jdbi()).find(fresh.correlationId()));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void checkpointsAreKeptPerProjection() {
        var officers = new JdbiProjectionStore<>(database.jdbi(), "officers", PoliceTables.officers(database.jdbi()));
        var other = new JdbiProjectionStore<>(database.jdbi(), "other", PoliceTables.officers(database.jdbi()));
        officers.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION, 7L)));

        other.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION, 2L)));

        assertEquals(Map.of(PARTITION, 7L), officers.nextOffsets());
        assertEquals(Map.of(PARTITION, 2L), other.nextOffsets());
    }

    @Test
    void recordedOutcomeIsNeverOverwritten() {
        var store = new JdbiProjectionStore<>(database.jdbi(), "officers", PoliceTables.officers(database.jdbi()));
        var applied = anAppliedStatus("B-100");
        store.commit(new ProjectionBatch<>(Map.of(), List.of(applied), Map.of(PARTITION, 1L)));
        var redelivered = new CommandStatusView(applied.correlationId(), applied.commandId(), applied.commandType(),
                CommandStatus.REJECTED, "badge B-100 is already registered", applied.resource(), applied.issuedBy(),
                applied.acceptedAt(), applied.appliedAt().plusSeconds(60));

        store.commit(new ProjectionBatch<>(Map.of(), List.of(redelivered), Map.of(PARTITION, 2L)));

        assertEquals(Optional.of(applied), statuses().find(applied.correlationId()));
        assertEquals(Map.of(PARTITION, 2L), store.nextOffsets());
    }

    @Test
    void largeBatchIsCommittedWhole() {
        var store = new JdbiProjectionStore<>(database.jdbi(), "officers", PoliceTables.officers(database.jdbi()));
        var officers = IntStream.range(0, 2_000).mapToObj(i -> anOfficer("B-%05d".formatted(i)))
                .collect(Collectors.toMap(OfficerView::badgeNumber, Function.identity()));
        var statuses = IntStream.range(0, 2_000).mapToObj(i -> anAppliedStatus("B-%05d".formatted(i))).toList();

        store.commit(new ProjectionBatch<>(officers, statuses, Map.of(PARTITION, 2_000L)));

        assertEquals(officers, store.load(officers.keySet()));
        assertEquals(2_000, store.decided(statuses.stream().map(CommandStatusView::commandId).toList()).size());
    }

    @Test
    void failedCommitLeavesNothingBehind() {
        var failing = new JdbiProjectionStore<>(database.jdbi(), "officers", new FailingAfterUpsert<>(PoliceTables.officers(database.jdbi())));
        var status = anAppliedStatus("B-100");

        assertThrows(IllegalStateException.class, () -> failing.commit(new ProjectionBatch<>(
                Map.of("B-100", anOfficer("B-100")), List.of(status), Map.of(PARTITION, 1L))));

        assertEquals(Map.of(), failing.load(List.of("B-100")));
        assertEquals(Optional.empty(), statuses().find(status.correlationId()));
        assertEquals(Map.of(), failing.nextOffsets());
    }
}
