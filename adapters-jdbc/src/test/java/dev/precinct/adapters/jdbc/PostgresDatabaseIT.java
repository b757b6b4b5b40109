package dev.precinct.adapters.jdbc;

import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresDatabaseIT {
    private static final TopicPartition PARTITION = new TopicPartition("officer-events", 0);

    @Test
    void openDatabaseIsReachable() {
        try (var database = open(TestServices.freshDatabase())) {
            assertTrue(database.isReachable());
        }
    }

    @Test
    void closedDatabaseIsNotReachable() {
        var database = open(TestServices.freshDatabase());

        database.close();

        assertFalse(database.isReachable());
    }

    @Test
    void reopenedDatabaseKeepsItsData() {
        var jdbcUrl = TestServices.freshDatabase();
        try (var database = open(jdbcUrl)) {
            officers(database).commit(new ProjectionBatch<>(Map.of(), List.of(), Map.of(PARTITION, 42L)));
        }

        Map<TopicPartition, Long> offsets;
        try (var database = open(jdbcUrl)) {
            offsets = officers(database).nextOffsets();
        }

        assertEquals(Map.of(PARTITION, 42L), offsets);
    }

    private static PostgresDatabase open(String jdbcUrl) {
        return new PostgresDatabase(jdbcUrl, TestServices.jdbcUser(), TestServices.jdbcPassword());
    }

    private static JdbiProjectionStore<OfficerView> officers(PostgresDatabase database) {
        return new JdbiProjectionStore<>(database.jdbi(), "officers", PoliceTables.officers(database.jdbi()));
    }
}
