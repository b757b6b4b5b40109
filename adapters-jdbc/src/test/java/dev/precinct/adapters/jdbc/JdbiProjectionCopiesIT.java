package dev.precinct.adapters.jdbc;

import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.precinct.police.officer.OfficerFixtures.anOfficerRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copies of the officer projection's storage in a real PostgreSQL: claimed once, dropped, switched to. */
class JdbiProjectionCopiesIT {
    private static final TopicPartition PARTITION = new TopicPartition("precinct.officers", 0);

    private PostgresDatabase database;
    private JdbiProjectionStore<OfficerView> live;

    @BeforeEach
    void openDatabase() {
        database = new PostgresDatabase(TestServices.freshDatabase(), TestServices.jdbcUser(),
                TestServices.jdbcPassword());
        live = new JdbiProjectionStore<>(database.jdbi(), "officers", PoliceTables.officers(database.jdbi()));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void oneCopyAtATimeAcrossProcessesAndAnAbandonedCopyIsDropped() {
        // two instances, each claiming on a connection (a session) of its own: as two processes would
        var here = copies(database);
        var there = copies(database);
        try (var copy = here.create()) {
            copy.store().commit(new ProjectionBatch<>(Map.of("B-1", anOfficerRow("B-1", DutyStatus.ON_DUTY, "U")),
                    List.of(), Map.of(PARTITION, 1L)));
            var refused = assertThrows(IllegalStateException.class, there::create);
            assertTrue(refused.getMessage().contains("running already"), refused.getMessage());
            assertEquals(Set.of("precinct_rebuild_officers"), schemas());
            assertEquals(Map.of(), live.nextOffsets(), "the copy's checkpoint is its own");
            assertEquals(Map.of(), live.load(List.of("B-1")), "and so are its rows");
        }
        assertEquals(Set.of(), schemas(), "closed without a switch: dropped");
        try (var copy = there.create()) {
            assertEquals(Map.of(), copy.store().nextOffsets(), "a new copy starts empty");
        }
    }

    @Test
    void theSwitchPutsTheCopysRowsAndCheckpointsInPlaceUnderTheLiveIndexNames() {
        live.commit(new ProjectionBatch<>(Map.of("OLD", anOfficerRow("OLD", DutyStatus.OFF_DUTY, "U")), List.of(),
                Map.of(PARTITION, 5L)));
        var indexes = indexNames();
        try (var copy = copies(database).create()) {
            copy.store().commit(new ProjectionBatch<>(Map.of("NEW", anOfficerRow("NEW", DutyStatus.ON_DUTY, "U")),
                    List.of(), Map.of(PARTITION, 7L)));

            assertEquals(Map.of(PARTITION, 5L), copy.holdLive());
            copy.switchOver();
        }

        assertEquals(Map.of(PARTITION, 7L), live.nextOffsets());
        assertEquals(Set.of("NEW"), live.load(List.of("OLD", "NEW")).keySet());
        assertEquals(indexes, indexNames());
        assertEquals(Set.of(), schemas());
    }

    @Test
    void aReleasedHoldLeavesTheLiveStorageAsItWas() {
        live.commit(new ProjectionBatch<>(Map.of("OLD", anOfficerRow("OLD", DutyStatus.OFF_DUTY, "U")), List.of(),
                Map.of(PARTITION, 5L)));
        try (var copy = copies(database).create()) {
            copy.holdLive();
            copy.release();
            live.commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION, 6L), List.of(), List.of(),
                    Map.of(PARTITION, 5L)));
        }
        assertEquals(Map.of(PARTITION, 6L), live.nextOffsets());
        assertEquals(Set.of("OLD"), live.load(List.of("OLD")).keySet());
    }

    private static JdbiProjectionCopies<OfficerView> copies(PostgresDatabase database) {
        return new JdbiProjectionCopies<>(database.jdbi(), "officers", PoliceTables.officers(database.jdbi()), null);
    }

    private Set<String> schemas() {
        return Set.copyOf(database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'precinct\\_%'").mapTo(String.class).list()));
    }

    private List<String> indexNames() {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'officers'
                ORDER BY indexname""").mapTo(String.class).list());
    }
}
