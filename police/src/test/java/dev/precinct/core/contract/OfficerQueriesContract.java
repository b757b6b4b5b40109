package dev.precinct.core.contract;

import dev.precinct.core.paging.Cursor;
import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.police.incident.IncidentView;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.core.view.ViewFilter;
import dev.precinct.core.view.ViewQueries;
import dev.precinct.core.port.ProjectionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.precinct.police.incident.IncidentFixtures.anIncidentRow;
import static dev.precinct.police.incident.IncidentFixtures.asClosed;
import static dev.precinct.police.incident.IncidentFixtures.withAssigned;
import static dev.precinct.police.officer.OfficerFixtures.anOfficerRow;
import static dev.precinct.police.officer.OfficerFixtures.withDutyStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every officer read model's {@link ViewQueries} must do: find by badge; list in badge-number order (compared as
 * {@link String#compareTo} does), filtered, in keyset pages that stay stable while officers are written between
 * reads; and show each officer's current incident as the incident projection's commits decide it. A subclass hands
 * fresh, empty stores of the officer and incident projections on one storage, and the queries that read it.
 */
public abstract class OfficerQueriesContract {
    private static final String UNIT = "CID Southampton Row";
    private static final String OTHER_UNIT = "Traffic";
    private static final Instant T0 = Instant.parse("2026-11-29T08:15:00.123456Z");

    private ProjectionStore<OfficerView> officerStore;
    private ProjectionStore<IncidentView> incidentStore;
    private ViewQueries<OfficerView> officers;

    /** The police read models on new, empty storage of their own. Called before each test. */
    protected abstract PoliceStorage newStorage();

    @BeforeEach
    void createStores() {
        var storage = newStorage();
        officerStore = storage.store(OfficerView.MODEL);
        incidentStore = storage.store(IncidentView.MODEL);
        officers = storage.queries().of(OfficerView.MODEL);
    }

    @Test
    void findShowsTheCommittedOfficerWithoutAnIncident() {
        var officer = anOfficerRow("B-100", DutyStatus.ON_DUTY, UNIT);

        commitOfficers(officer);

        assertEquals(Optional.of(officer), officers.find("B-100"));
    }

    @Test
    void findOfAnUnknownBadgeIsEmpty() {
        commitOfficers(anOfficerRow("B-100", DutyStatus.ON_DUTY, UNIT));

        var found = officers.find("B-999");

        assertEquals(Optional.empty(), found);
    }

    @Test
    void listShowsEveryOfficerInBadgeNumberOrder() {
        // a locale-aware order would ignore the hyphens and put A10 and A2 first
        commitOfficers(officer("B1"), officer("A-30"), officer("A10"), officer("A-4"), officer("A2"));

        var page = officers.list(ViewFilter.ALL, PageRequest.first(PageRequest.DEFAULT_LIMIT));

        assertEquals(List.of("A-30", "A-4", "A10", "A2", "B1"), badges(page.items()));
        assertNull(page.nextCursor());
    }

    @Test
    void listFiltersByDutyStatus() {
        commitOfficers(anOfficerRow("B-100", DutyStatus.ON_DUTY, UNIT),
                anOfficerRow("B-200", DutyStatus.OFF_DUTY, UNIT),
                anOfficerRow("B-300", DutyStatus.ON_DUTY, OTHER_UNIT),
                anOfficerRow("B-400", DutyStatus.SUSPENDED, UNIT));

        var onDuty = officers.list(officerFilter(DutyStatus.ON_DUTY, null), PageRequest.first(50));
        var suspended = officers.list(officerFilter(DutyStatus.SUSPENDED, null), PageRequest.first(50));

        assertEquals(List.of("B-100", "B-300"), badges(onDuty.items()));
        assertEquals(List.of("B-400"), badges(suspended.items()));
    }

    @Test
    void listFiltersByExactUnit() {
        commitOfficers(anOfficerRow("B-100", DutyStatus.ON_DUTY, OTHER_UNIT),
                anOfficerRow("B-200", DutyStatus.ON_DUTY, OTHER_UNIT.toLowerCase()),
                anOfficerRow("B-300", DutyStatus.OFF_DUTY, OTHER_UNIT + " North"),
                anOfficerRow("B-400", DutyStatus.OFF_DUTY, OTHER_UNIT));

        var page = officers.list(officerFilter(null, OTHER_UNIT), PageRequest.first(50));

        assertEquals(List.of("B-100", "B-400"), badges(page.items()));
    }

    @Test
    void listFiltersByDutyStatusAndUnitTogether() {
        commitOfficers(anOfficerRow("B-100", DutyStatus.ON_DUTY, UNIT),
                anOfficerRow("B-200", DutyStatus.ON_DUTY, OTHER_UNIT),
                anOfficerRow("B-300", DutyStatus.OFF_DUTY, OTHER_UNIT),
                anOfficerRow("B-400", DutyStatus.ON_DUTY, OTHER_UNIT));

        var page = officers.list(officerFilter(DutyStatus.ON_DUTY, OTHER_UNIT), PageRequest.first(50));

        assertEquals(List.of("B-200", "B-400"), badges(page.items()));
    }

    @Test
    void listWithoutMatchesIsAnEmptyLastPage() {
        commitOfficers(anOfficerRow("B-100", DutyStatus.ON_DUTY, UNIT));

        var page = officers.list(officerFilter(DutyStatus.SUSPENDED, UNIT), PageRequest.first(50));

        assertEquals(new Page<OfficerView>(List.of(), null), page);
    }

    @Test
    void pagesHoldAtMostTheLimitAndOnlyTheLastHasNoCursor() {
        commitOfficers(officer("B-100"), officer("B-200"), officer("B-300"), officer("B-400"), officer("B-500"));

        var first = officers.list(ViewFilter.ALL, PageRequest.first(2));
        var second = officers.list(ViewFilter.ALL, new PageRequest(2, first.nextCursor()));
        var third = officers.list(ViewFilter.ALL, new PageRequest(2, second.nextCursor()));

        assertEquals(List.of("B-100", "B-200"), badges(first.items()));
        assertEquals(List.of("B-300", "B-400"), badges(second.items()));
        assertEquals(List.of("B-500"), badges(third.items()));
        assertNotNull(first.nextCursor());
        assertNotNull(second.nextCursor());
        assertNull(third.nextCursor());
    }

    @Test
    void pageThatEndsWithTheLastOfficerHasNoCursor() {
        commitOfficers(officer("B-100"), officer("B-200"), officer("B-300"), officer("B-400"));

        var whole = officers.list(ViewFilter.ALL, PageRequest.first(4));
        var first = officers.list(ViewFilter.ALL, PageRequest.first(2));
        var second = officers.list(ViewFilter.ALL, new PageRequest(2, first.nextCursor()));

        assertEquals(4, whole.items().size());
        assertNull(whole.nextCursor());
        assertEquals(List.of("B-300", "B-400"), badges(second.items()));
        assertNull(second.nextCursor());
    }

    @Test
    void followingTheCursorsVisitsEveryMatchingOfficerOnceInOrder() {
        var all = IntStream.range(0, 23).mapToObj(i -> anOfficerRow("B-%03d".formatted(i),
                i % 3 == 0 ? DutyStatus.OFF_DUTY : DutyStatus.ON_DUTY, UNIT)).toArray(OfficerView[]::new);
        commitOfficers(all);
        var filter = officerFilter(DutyStatus.ON_DUTY, null);

        var visited = Pages.readAll(cursor -> officers.list(filter, new PageRequest(4, cursor)), null);

        var expected = Arrays.stream(all).filter(officer -> officer.dutyStatus() == DutyStatus.ON_DUTY).map(OfficerView::badgeNumber).sorted().toList();
        assertEquals(expected, badges(visited));
    }

    @Test
    void pagingIsStableWhenOfficersAreAddedAndChangedBetweenPages() {
        var initial = IntStream.rangeClosed(1, 9).mapToObj(i -> officer("B-" + i + "0")).toArray(OfficerView[]::new);
        commitOfficers(initial);
        var visited = new ArrayList<OfficerView>();
        var first = officers.list(ViewFilter.ALL, PageRequest.first(3));
        visited.addAll(first.items());

        // B-30 ends the first page: B-05 and B-25 come before it, B-55 and B-95 after it
        commitOfficers(officer("B-05"), officer("B-25"), officer("B-55"), officer("B-95"),
                withDutyStatus(initial[1], DutyStatus.ON_DUTY, T0), withDutyStatus(initial[5], DutyStatus.ON_DUTY, T0));
        var second = officers.list(ViewFilter.ALL, new PageRequest(3, first.nextCursor()));
        visited.addAll(second.items());
        commitOfficers(officer("B-75"), officer("B-01"), withDutyStatus(initial[7], DutyStatus.SUSPENDED, T0));
        visited.addAll(Pages.readAll(cursor -> officers.list(ViewFilter.ALL, new PageRequest(3, cursor)),
                second.nextCursor()));

        assertEquals(List.of("B-10", "B-20", "B-30", "B-40", "B-50", "B-55", "B-60", "B-70", "B-75", "B-80", "B-90",
                "B-95"), badges(visited));
        assertEquals(DutyStatus.ON_DUTY, byBadge(visited).get("B-60").dutyStatus());
        assertEquals(DutyStatus.SUSPENDED, byBadge(visited).get("B-80").dutyStatus());
    }

    @Test
    void malformedCursorIsRejected() {
        commitOfficers(officer("B-100"));

        assertThrows(IllegalArgumentException.class,
                () -> officers.list(ViewFilter.ALL, new PageRequest(10, "not a cursor!")));
        assertThrows(IllegalArgumentException.class,
                () -> officers.list(ViewFilter.ALL, new PageRequest(10, Cursor.encode(T0.toString(), "B-100"))));
    }

    @Test
    void assignedOfficerShowsTheIncidentInFindAndList() {
        commitOfficers(officer("B-100"), officer("B-200"));

        commitIncidents(withAssigned(anIncidentRow("incident-1", T0), "B-100"));

        assertEquals(Optional.of(officer("B-100").withCurrentIncident("incident-1")), officers.find("B-100"));
        assertEquals(Optional.of(officer("B-200")), officers.find("B-200"));
        var page = officers.list(ViewFilter.ALL, PageRequest.first(50));
        assertEquals(List.of(officer("B-100").withCurrentIncident("incident-1"), officer("B-200")), page.items());
    }

    @Test
    void laterOpenIncidentBecomesTheCurrentIncident() {
        commitOfficers(officer("B-100"));
        commitIncidents(withAssigned(anIncidentRow("incident-1", T0), "B-100"));

        commitIncidents(withAssigned(anIncidentRow("incident-2", T0.plusSeconds(60)), "B-100"));

        assertEquals("incident-2", currentIncident("B-100"));
    }

    @Test
    void closingTheIncidentEndsTheAssignmentsOfItsOfficersOnly() {
        commitOfficers(officer("B-100"), officer("B-200"), officer("B-300"));
        var first = withAssigned(anIncidentRow("incident-1", T0), "B-100", "B-200");
        commitIncidents(first, withAssigned(anIncidentRow("incident-2", T0), "B-300"));

        commitIncidents(asClosed(first, T0.plusSeconds(600)));

        assertNull(currentIncident("B-100"));
        assertNull(currentIncident("B-200"));
        assertEquals("incident-2", currentIncident("B-300"));
    }

    @Test
    void closingAnEarlierIncidentKeepsTheLaterCurrentIncident() {
        commitOfficers(officer("B-100"));
        var first = withAssigned(anIncidentRow("incident-1", T0), "B-100");
        commitIncidents(first);
        commitIncidents(withAssigned(anIncidentRow("incident-2", T0.plusSeconds(60)), "B-100"));

        commitIncidents(asClosed(first, T0.plusSeconds(600)));

        assertEquals("incident-2", currentIncident("B-100"));
    }

    @Test
    void closingOneIncidentAndAssigningToAnotherInOneCommitShowsTheOther() {
        commitOfficers(officer("B-100"));
        var first = withAssigned(anIncidentRow("incident-1", T0), "B-100");
        commitIncidents(first);

        commitIncidents(asClosed(first, T0.plusSeconds(600)),
                withAssigned(anIncidentRow("incident-2", T0.plusSeconds(60)), "B-100"));

        assertEquals("incident-2", currentIncident("B-100"));
    }

    @Test
    void incidentAssignedAndClosedBeforeItIsSeenLeavesNoAssignment() {
        commitOfficers(officer("B-100"));

        commitIncidents(asClosed(withAssigned(anIncidentRow("incident-1", T0), "B-100"), T0.plusSeconds(600)));

        assertNull(currentIncident("B-100"));
    }

    @Test
    void assigningOneOfficerToSeveralOpenIncidentsInOneCommitShowsOneOfThem() {
        commitOfficers(officer("B-100"));

        commitIncidents(withAssigned(anIncidentRow("incident-1", T0), "B-100"),
                withAssigned(anIncidentRow("incident-2", T0), "B-100"),
                withAssigned(anIncidentRow("incident-3", T0), "B-100"));

        assertTrue(Set.of("incident-1", "incident-2", "incident-3").contains(currentIncident("B-100")),
                currentIncident("B-100"));
    }

    @Test
    void assignmentProjectedBeforeTheOfficerShowsOnceTheOfficerIs() {
        commitIncidents(withAssigned(anIncidentRow("incident-1", T0), "B-100"));

        commitOfficers(officer("B-100"));

        assertEquals("incident-1", currentIncident("B-100"));
    }

    @Test
    void changingTheOfficerKeepsTheCurrentIncident() {
        var officer = officer("B-100");
        commitOfficers(officer);
        commitIncidents(withAssigned(anIncidentRow("incident-1", T0), "B-100"));

        commitOfficers(withDutyStatus(officer, DutyStatus.OFF_DUTY, T0.plusSeconds(60)));

        assertEquals(Optional.of(withDutyStatus(officer, DutyStatus.OFF_DUTY, T0.plusSeconds(60))
                .withCurrentIncident("incident-1")), officers.find("B-100"));
    }

    private static OfficerView officer(String badge) {
        return anOfficerRow(badge, DutyStatus.ON_DUTY, UNIT);
    }

    private String currentIncident(String badge) {
        return officers.find(badge).orElseThrow().currentIncidentId();
    }

    private void commitOfficers(OfficerView... rows) {
        officerStore.commit(new ProjectionBatch<>(
                Arrays.stream(rows).collect(Collectors.toMap(OfficerView::badgeNumber, Function.identity())),
                List.of(), Map.of()));
    }

    private void commitIncidents(IncidentView... rows) {
        incidentStore.commit(new ProjectionBatch<>(
                Arrays.stream(rows).collect(Collectors.toMap(IncidentView::incidentId, Function.identity())),
                List.of(), Map.of()));
    }

    private static List<String> badges(List<OfficerView> officers) {
        return officers.stream().map(OfficerView::badgeNumber).toList();
    }

    private static Map<String, OfficerView> byBadge(List<OfficerView> officers) {
        return officers.stream().collect(Collectors.toMap(OfficerView::badgeNumber, Function.identity()));
    }

    private static ViewFilter officerFilter(DutyStatus dutyStatus, String unit) {
        var filter = ViewFilter.where();
        if (dutyStatus != null) filter.is("dutyStatus", dutyStatus.name());
        if (unit != null) filter.is("unit", unit);
        return filter.build();
    }
}
