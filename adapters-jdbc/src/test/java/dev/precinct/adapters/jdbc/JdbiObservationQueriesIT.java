package dev.precinct.adapters.jdbc;

import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.contract.ObservationQueriesContract;
import dev.precinct.police.observation.ObservationFilter;
import dev.precinct.police.observation.ObservationView;
import dev.precinct.core.port.ObservationQueries;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.precinct.police.observation.ObservationFixtures.anObservationRow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The contract, and filter values beyond what the database holds, which must not fail the query. */
class JdbiObservationQueriesIT extends ObservationQueriesContract {
    private static final Instant T0 = Instant.parse("2026-11-29T09:30:00.654321Z");

    private PostgresDatabase database;

    @Override
    protected ProjectionStore<ObservationView> newStore() {
        database = new PostgresDatabase(TestServices.freshDatabase(), TestServices.jdbcUser(),
                TestServices.jdbcPassword());
        return new JdbiProjectionStore<>(database.jdbi(), "observations", new JdbiObservationTable());
    }

    @Override
    protected ObservationQueries observations() {
        return new JdbiObservationQueries(database.jdbi());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void timeFilterBeyondTheDatabaseRangeKeepsEverythingOrNothing() {
        var store = new JdbiProjectionStore<>(database.jdbi(), "observations", new JdbiObservationTable());
        var observation = anObservationRow("o-1", T0, "B-100", "i-1");
        store.commit(new ProjectionBatch<>(Map.of("o-1", observation), List.of(), Map.of()));
        var queries = observations();

        var sinceTheStartOfTime = queries.list(new ObservationFilter(null, null, Instant.MIN), PageRequest.first(10));
        var sinceTheEndOfTime = queries.list(new ObservationFilter(null, null, Instant.MAX), PageRequest.first(10));

        assertEquals(List.of(observation), sinceTheStartOfTime.items());
        assertEquals(List.of(), sinceTheEndOfTime.items());
    }

    @Test
    void filterWithANulCharacterMatchesNothing() {
        var store = new JdbiProjectionStore<>(database.jdbi(), "observations", new JdbiObservationTable());
        store.commit(new ProjectionBatch<>(Map.of("o-1", anObservationRow("o-1", T0, "B-100", "i-1")), List.of(),
                Map.of()));
        var queries = observations();

        var byOfficer = queries.list(new ObservationFilter("B-100\0", null, null), PageRequest.first(10));
        var byIncident = queries.list(new ObservationFilter(null, "i-1\0", null), PageRequest.first(10));

        assertEquals(List.of(), byOfficer.items());
        assertEquals(List.of(), byIncident.items());
    }
}
