package dev.precinct.adapters.jdbc;

import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.contract.ObservationQueriesContract;
import dev.precinct.core.contract.PoliceStorage;
import dev.precinct.core.view.ViewFilter;
import dev.precinct.core.view.ViewQueries;
import dev.precinct.police.observation.ObservationView;
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

    private JdbiPoliceStorage storage;

    @Override
    protected PoliceStorage newStorage() {
        storage = new JdbiPoliceStorage();
        return storage;
    }

    private ViewQueries<ObservationView> observations() {
        return storage.queries().of(ObservationView.MODEL);
    }

    @AfterEach
    void closeDatabase() {
        storage.close();
    }

    @Test
    void timeFilterBeyondTheDatabaseRangeKeepsEverythingOrNothing() {
        var store = storage.store(ObservationView.MODEL);
        var observation = anObservationRow("o-1", T0, "B-100", "i-1");
        store.commit(new ProjectionBatch<>(Map.of("o-1", observation), List.of(), Map.of()));
        var queries = observations();

        var sinceTheStartOfTime = queries.list(ViewFilter.where().since("since", Instant.MIN).build(), PageRequest.first(10));
        var sinceTheEndOfTime = queries.list(ViewFilter.where().since("since", Instant.MAX).build(), PageRequest.first(10));

        assertEquals(List.of(observation), sinceTheStartOfTime.items());
        assertEquals(List.of(), sinceTheEndOfTime.items());
    }

    @Test
    void filterWithANulCharacterMatchesNothing() {
        var store = storage.store(ObservationView.MODEL);
        store.commit(new ProjectionBatch<>(Map.of("o-1", anObservationRow("o-1", T0, "B-100", "i-1")), List.of(),
                Map.of()));
        var queries = observations();

        var byOfficer = queries.list(ViewFilter.where().is("officer", "B-100\0").build(), PageRequest.first(10));
        var byIncident = queries.list(ViewFilter.where().is("incident", "i-1\0").build(), PageRequest.first(10));

        assertEquals(List.of(), byOfficer.items());
        assertEquals(List.of(), byIncident.items());
    }
}
