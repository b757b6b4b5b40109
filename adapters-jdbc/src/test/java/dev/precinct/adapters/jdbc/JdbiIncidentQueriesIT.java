package dev.precinct.adapters.jdbc;

import dev.precinct.core.paging.Cursor;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.contract.IncidentQueriesContract;
import dev.precinct.core.contract.PoliceStorage;
import dev.precinct.core.view.ViewFilter;
import dev.precinct.core.view.ViewQueries;
import dev.precinct.police.incident.IncidentView;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.precinct.police.incident.IncidentFixtures.anIncidentRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The contract, and the cursors that only a client forging them could send: core's format is documented. */
class JdbiIncidentQueriesIT extends IncidentQueriesContract {
    private static final Instant T0 = Instant.parse("2026-11-29T08:15:00.123456Z");

    private JdbiPoliceStorage storage;

    @Override
    protected PoliceStorage newStorage() {
        storage = new JdbiPoliceStorage();
        return storage;
    }

    private ViewQueries<IncidentView> incidents() {
        return storage.queries().of(IncidentView.MODEL);
    }

    @AfterEach
    void closeDatabase() {
        storage.close();
    }

    @Test
    void cursorTimeFinerThanAMicrosecondKeepsExactlyTheIncidentsBeforeIt() {
        var store = storage.store(IncidentView.MODEL);
        store.commit(batch(anIncidentRow("i-1", T0), anIncidentRow("i-2", T0.plusNanos(1_000)),
                anIncidentRow("i-3", T0.plusNanos(1_000))));
        var queries = incidents();

        var afterHalfAMicrosecond = queries.list(ViewFilter.ALL,
                new PageRequest(10, Cursor.encode(T0.plusNanos(500).toString(), "i-9")));
        var afterJustPastTheTie = queries.list(ViewFilter.ALL,
                new PageRequest(10, Cursor.encode(T0.plusNanos(1_001).toString(), "")));

        assertEquals(List.of("i-1"), ids(afterHalfAMicrosecond.items()));
        assertEquals(List.of("i-3", "i-2", "i-1"), ids(afterJustPastTheTie.items()));
    }

    @Test
    void cursorHoldingWhatNoRowCanIsRejected() {
        var queries = incidents();

        for (var cursor : List.of(Cursor.encode("+300000-01-01T00:00:00Z", "i-1"),
                Cursor.encode("-5000-01-01T00:00:00Z", "i-1"), Cursor.encode(T0.toString(), "i-\0")))
            assertThrows(IllegalArgumentException.class,
                    () -> queries.list(ViewFilter.ALL, new PageRequest(10, cursor)), cursor);
    }

    @Test
    void findOfAnIdWithANulCharacterIsEmpty() {
        var found = incidents().find("i-1\0");

        assertEquals(Optional.empty(), found);
    }


    private static ProjectionBatch<IncidentView> batch(IncidentView... rows) {
        return new ProjectionBatch<>(List.of(rows).stream()
                .collect(Collectors.toMap(IncidentView::incidentId, Function.identity())), List.of(), Map.of());
    }

    private static List<String> ids(List<IncidentView> incidents) {
        return incidents.stream().map(IncidentView::incidentId).toList();
    }
}
