package dev.precinct.core.contract;

import dev.precinct.core.paging.Cursor;
import dev.precinct.police.Location;
import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.police.incident.IncidentCategory;
import dev.precinct.police.incident.IncidentStatus;
import dev.precinct.police.incident.IncidentView;
import dev.precinct.police.incident.Priority;
import dev.precinct.core.view.ViewFilter;
import dev.precinct.core.view.ViewQueries;
import dev.precinct.core.port.ProjectionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.precinct.police.incident.IncidentFixtures.anIncidentRow;
import static dev.precinct.police.incident.IncidentFixtures.asClosed;
import static dev.precinct.police.incident.IncidentFixtures.withAssigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every incident read model's {@link ViewQueries} must do: find by id; list the newest report first, ties by incident id
 * descending (compared as {@link String#compareTo} does), filtered, in keyset pages that stay stable while
 * incidents are written between reads. A subclass hands a fresh, empty store of the incident projection and the
 * queries that read what it committed. Times have whole microseconds, the precision of a database timestamp.
 */
public abstract class IncidentQueriesContract {
    private static final Instant T0 = Instant.parse("2026-11-29T08:15:00.123456Z");
    private static final Comparator<IncidentView> NEWEST_FIRST = Comparator.comparing(IncidentView::reportedAt)
            .thenComparing(IncidentView::incidentId).reversed();

    private ProjectionStore<IncidentView> store;
    private ViewQueries<IncidentView> incidents;

    /** The police read models on new, empty storage of their own. Called before each test. */
    protected abstract PoliceStorage newStorage();

    @BeforeEach
    void createStore() {
        var storage = newStorage();
        store = storage.store(IncidentView.MODEL);
        incidents = storage.queries().of(IncidentView.MODEL);
    }

    @Test
    void findShowsEveryFieldOfTheCommittedIncidents() {
        var closed = asClosed(withAssigned(anIncidentRow("i-1", T0, Priority.P1), "C-300", "A-100", "B-200"),
                T0.plus(Duration.ofMinutes(95)).plusNanos(7_000));
        var open = new IncidentView("i-2", IncidentCategory.MISSING_PERSON, Priority.P4, IncidentStatus.OPEN,
                new Location(-33.868_82, 151.209_296, null), "Last seen at the harbour", List.of(),
                T0.plusNanos(1_000), null, null, 1);

        commit(closed, open);

        assertEquals(Optional.of(closed), incidents.find("i-1"));
        assertEquals(Optional.of(open), incidents.find("i-2"));
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        commit(incident("i-1", 1));

        var found = incidents.find("i-9");

        assertEquals(Optional.empty(), found);
    }

    @Test
    void listShowsTheNewestReportFirst() {
        commit(incident("i-2", 2), incident("i-4", 4), incident("i-1", 1), incident("i-3", 3));

        var page = incidents.list(ViewFilter.ALL, PageRequest.first(PageRequest.DEFAULT_LIMIT));

        assertEquals(List.of("i-4", "i-3", "i-2", "i-1"), ids(page.items()));
        assertNull(page.nextCursor());
    }

    @Test
    void incidentsReportedAtOneTimeAreListedByIdDescending() {
        // ids compare character by character: upper case before lower case, whatever a locale would say
        commit(incident("b0f2c3d4-0000-4000-8000-000000000002", 5), incident("B1e2c3d4-0000-4000-8000-000000000003", 5),
                incident("a9f2c3d4-0000-4000-8000-000000000001", 5), incident("i-later", 6), incident("i-earlier", 4));

        var page = incidents.list(ViewFilter.ALL, PageRequest.first(50));

        assertEquals(List.of("i-later", "b0f2c3d4-0000-4000-8000-000000000002",
                "a9f2c3d4-0000-4000-8000-000000000001", "B1e2c3d4-0000-4000-8000-000000000003", "i-earlier"),
                ids(page.items()));
    }

    @Test
    void listFiltersByStatus() {
        var assigned = withAssigned(incident("i-2", 2), "B-100");
        var closed = asClosed(withAssigned(incident("i-3", 3), "B-200"), T0.plus(Duration.ofHours(2)));
        commit(incident("i-1", 1), assigned, closed, incident("i-4", 4));

        var open = incidents.list(incidentFilter(IncidentStatus.OPEN, null), PageRequest.first(50));
        var assignedOnly = incidents.list(incidentFilter(IncidentStatus.ASSIGNED, null), PageRequest.first(50));
        var closedOnly = incidents.list(incidentFilter(IncidentStatus.CLOSED, null), PageRequest.first(50));

        assertEquals(List.of("i-4", "i-1"), ids(open.items()));
        assertEquals(List.of(assigned), assignedOnly.items());
        assertEquals(List.of(closed), closedOnly.items());
    }

    @Test
    void listFiltersByPriority() {
        commit(incident("i-1", 1, Priority.P1), incident("i-2", 2, Priority.P3), incident("i-3", 3, Priority.P1),
                incident("i-4", 4, Priority.P4));

        var page = incidents.list(incidentFilter(null, Priority.P1), PageRequest.first(50));

        assertEquals(List.of("i-3", "i-1"), ids(page.items()));
    }

    @Test
    void listFiltersByStatusAndPriorityTogether() {
        commit(incident("i-1", 1, Priority.P1), withAssigned(incident("i-2", 2, Priority.P1), "B-100"),
                incident("i-3", 3, Priority.P2), incident("i-4", 4, Priority.P1));

        var page = incidents.list(incidentFilter(IncidentStatus.OPEN, Priority.P1), PageRequest.first(50));

        assertEquals(List.of("i-4", "i-1"), ids(page.items()));
    }

    @Test
    void listWithoutMatchesIsAnEmptyLastPage() {
        commit(incident("i-1", 1, Priority.P1));

        var page = incidents.list(incidentFilter(IncidentStatus.CLOSED, null), PageRequest.first(50));

        assertEquals(new Page<IncidentView>(List.of(), null), page);
    }

    @Test
    void pagesHoldAtMostTheLimitAndOnlyTheLastHasNoCursor() {
        commit(incident("i-1", 1), incident("i-2", 2), incident("i-3", 3), incident("i-4", 4), incident("i-5", 5));

        var first = incidents.list(ViewFilter.ALL, PageRequest.first(2));
        var second = incidents.list(ViewFilter.ALL, new PageRequest(2, first.nextCursor()));
        var third = incidents.list(ViewFilter.ALL, new PageRequest(2, second.nextCursor()));

        assertEquals(List.of("i-5", "i-4"), ids(first.items()));
        assertEquals(List.of("i-3", "i-2"), ids(second.items()));
        assertEquals(List.of("i-1"), ids(third.items()));
        assertNotNull(first.nextCursor());
        assertNotNull(second.nextCursor());
        assertNull(third.nextCursor());
    }

    @Test
    void pageThatEndsWithTheLastIncidentHasNoCursor() {
        commit(incident("i-1", 1), incident("i-2", 2), incident("i-3", 3), incident("i-4", 4));

        var whole = incidents.list(ViewFilter.ALL, PageRequest.first(4));
        var first = incidents.list(ViewFilter.ALL, PageRequest.first(2));
        var second = incidents.list(ViewFilter.ALL, new PageRequest(2, first.nextCursor()));

        assertEquals(4, whole.items().size());
        assertNull(whole.nextCursor());
        assertEquals(List.of("i-2", "i-1"), ids(second.items()));
        assertNull(second.nextCursor());
    }

    @Test
    void followingTheCursorsVisitsEveryIncidentOnceEvenAcrossTies() {
        // four incidents share each report time, so most page ends fall inside a tie
        var all = IntStream.range(0, 22).mapToObj(i -> incident("i-%02d".formatted(i), i / 4))
                .toArray(IncidentView[]::new);
        commit(all);

        var visited = Pages.readAll(cursor -> incidents.list(ViewFilter.ALL, new PageRequest(3, cursor)), null);

        assertEquals(Arrays.stream(all).sorted(NEWEST_FIRST).toList(), visited);
    }

    @Test
    void followingTheCursorsOfAFilteredListVisitsEveryMatchingIncidentOnce() {
        var all = IntStream.range(0, 22).mapToObj(i -> incident("i-%02d".formatted(i), i / 3,
                i % 4 == 0 ? Priority.P3 : Priority.P1)).toArray(IncidentView[]::new);
        commit(all);
        var filter = incidentFilter(IncidentStatus.OPEN, Priority.P1);

        var visited = Pages.readAll(cursor -> incidents.list(filter, new PageRequest(2, cursor)), null);

        assertEquals(Arrays.stream(all).filter(incident -> incident.status() == IncidentStatus.OPEN
                && incident.priority() == Priority.P1).sorted(NEWEST_FIRST).toList(), visited);
    }

    @Test
    void pagingIsStableWhenIncidentsAreAddedAndChangedBetweenPages() {
        var initial = IntStream.rangeClosed(1, 9).mapToObj(i -> incident("i-" + i + "0", i))
                .collect(Collectors.toMap(IncidentView::incidentId, Function.identity()));
        commit(initial.values().toArray(IncidentView[]::new));
        var visited = new ArrayList<IncidentView>();
        var first = incidents.list(ViewFilter.ALL, PageRequest.first(3));
        visited.addAll(first.items());

        // i-70 ends the first page: i-99 and i-75 come before it, i-65 and i-05 after it
        commit(incident("i-99", 10), incident("i-75", 7), incident("i-65", 7), incident("i-05", 0),
                withAssigned(initial.get("i-80"), "B-100"), withAssigned(initial.get("i-50"), "B-200"));
        var second = incidents.list(ViewFilter.ALL, new PageRequest(3, first.nextCursor()));
        visited.addAll(second.items());
        // i-50 ends the second page: i-55 comes before it, i-45 after it
        commit(incident("i-55", 5), incident("i-45", 5), withAssigned(initial.get("i-30"), "B-300"));
        visited.addAll(Pages.readAll(cursor -> incidents.list(ViewFilter.ALL, new PageRequest(3, cursor)),
                second.nextCursor()));

        assertEquals(List.of("i-90", "i-80", "i-70", "i-65", "i-60", "i-50", "i-45", "i-40", "i-30", "i-20", "i-10",
                "i-05"), ids(visited));
        var byId = visited.stream().collect(Collectors.toMap(IncidentView::incidentId, Function.identity()));
        assertEquals(IncidentStatus.ASSIGNED, byId.get("i-50").status());
        assertEquals(IncidentStatus.ASSIGNED, byId.get("i-30").status());
    }

    @Test
    void malformedCursorIsRejected() {
        commit(incident("i-1", 1));

        for (var cursor : List.of("not a cursor!", Cursor.encode("i-1"), Cursor.encode("yesterday", "i-1"),
                Cursor.encode(T0.toString(), "i-1", "extra")))
            assertThrows(IllegalArgumentException.class,
                    () -> incidents.list(ViewFilter.ALL, new PageRequest(10, cursor)), cursor);
    }

    /** An open P2 incident reported {@code minute} minutes after {@link #T0}. */
    private static IncidentView incident(String id, int minute) {
        return incident(id, minute, Priority.P2);
    }

    private static IncidentView incident(String id, int minute, Priority priority) {
        return anIncidentRow(id, T0.plus(Duration.ofMinutes(minute)), priority);
    }

    private void commit(IncidentView... rows) {
        store.commit(new ProjectionBatch<>(
                Arrays.stream(rows).collect(Collectors.toMap(IncidentView::incidentId, Function.identity())),
                List.of(), Map.of()));
    }

    private static List<String> ids(List<IncidentView> incidents) {
        return incidents.stream().map(IncidentView::incidentId).toList();
    }

    private static ViewFilter incidentFilter(IncidentStatus status, Priority priority) {
        var filter = ViewFilter.where();
        if (status != null) filter.is("status", status.name());
        if (priority != null) filter.is("priority", priority.name());
        return filter.build();
    }
}
