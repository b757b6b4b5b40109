package dev.precinct.core.contract;

import dev.precinct.core.paging.Cursor;
import dev.precinct.police.Location;
import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.police.observation.ObservationKind;
import dev.precinct.police.observation.ObservationView;
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

import static dev.precinct.police.observation.ObservationFixtures.anObservationRow;
import static dev.precinct.police.observation.ObservationFixtures.withNotes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every observation read model's {@link ViewQueries} must do: find by id; list the newest observation first, ties by observation id
 * descending (compared as {@link String#compareTo} does), filtered by officer, incident and time, in keyset pages
 * that stay stable while observations are written between reads. A subclass hands a fresh, empty store of the
 * observation projection and the queries that read what it committed. Times have whole microseconds, the precision
 * of a database timestamp; an observation's location has no address.
 */
public abstract class ObservationQueriesContract {
    private static final Instant T0 = Instant.parse("2026-11-29T09:30:00.654321Z");
    private static final Comparator<ObservationView> NEWEST_FIRST = Comparator
            .comparing(ObservationView::observedAt).thenComparing(ObservationView::observationId).reversed();

    private ProjectionStore<ObservationView> store;
    private ViewQueries<ObservationView> observations;

    /** The police read models on new, empty storage of their own. Called before each test. */
    protected abstract PoliceStorage newStorage();

    @BeforeEach
    void createStore() {
        var storage = newStorage();
        store = storage.store(ObservationView.MODEL);
        observations = storage.queries().of(ObservationView.MODEL);
    }

    @Test
    void findShowsTheCommittedObservation() {
        var observation = observation("o-1", 1, "B-100", "i-1");

        commit(observation, observation("o-2", 2));

        assertEquals(Optional.of(observation), observations.find("o-1"));
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        commit(observation("o-1", 1));

        var found = observations.find("o-9");

        assertEquals(Optional.empty(), found);
    }

    @Test
    void listShowsEveryFieldOfTheCommittedObservations() {
        var plateRead = new ObservationView("o-2", ObservationKind.PLATE_READ, T0.plusNanos(3_000),
                new Location(51.507_351, -0.127_758, null), "B-100", "i-1", "LD21 XKR", "Silver estate, heading north",
                T0.plusSeconds(2).plusNanos(1_000));
        var ping = new ObservationView("o-1", ObservationKind.LOCATION_PING, T0, new Location(-90, 180, null), null,
                null, null, null, T0);

        commit(plateRead, ping);

        var page = observations.list(ViewFilter.ALL, PageRequest.first(50));
        assertEquals(new Page<>(List.of(plateRead, ping), null), page);
    }

    @Test
    void listShowsTheNewestObservationFirstAndTiesByIdDescending() {
        // ids compare character by character: upper case before lower case, whatever a locale would say
        commit(observation("o-early", 1), observation("b0f2c3d4-0000-4000-8000-000000000002", 3),
                observation("o-late", 9), observation("B1e2c3d4-0000-4000-8000-000000000003", 3),
                observation("a9f2c3d4-0000-4000-8000-000000000001", 3));

        var page = observations.list(ViewFilter.ALL, PageRequest.first(PageRequest.DEFAULT_LIMIT));

        assertEquals(List.of("o-late", "b0f2c3d4-0000-4000-8000-000000000002", "a9f2c3d4-0000-4000-8000-000000000001",
                "B1e2c3d4-0000-4000-8000-000000000003", "o-early"), ids(page.items()));
        assertNull(page.nextCursor());
    }

    @Test
    void listFiltersByOfficer() {
        commit(observation("o-1", 1, "B-100", null), observation("o-2", 2, "B-200", "i-1"),
                observation("o-3", 3, "B-100", "i-1"), observation("o-4", 4));

        var page = observations.list(observationFilter("B-100", null, null), PageRequest.first(50));

        assertEquals(List.of("o-3", "o-1"), ids(page.items()));
    }

    @Test
    void listFiltersByIncident() {
        commit(observation("o-1", 1, "B-100", "i-1"), observation("o-2", 2, null, "i-2"),
                observation("o-3", 3, null, "i-1"), observation("o-4", 4));

        var page = observations.list(observationFilter(null, "i-1", null), PageRequest.first(50));

        assertEquals(List.of("o-3", "o-1"), ids(page.items()));
    }

    @Test
    void listFiltersByTimeKeepingObservationsAtThatTime() {
        var since = T0.plus(Duration.ofMinutes(5));
        commit(observation("o-1", 4), new ObservationView("o-2", ObservationKind.SIGHTING, since.minusNanos(1_000),
                        new Location(0, 0, null), null, null, null, null, since),
                new ObservationView("o-3", ObservationKind.SIGHTING, since, new Location(0, 0, null), null, null,
                        null, null, since),
                observation("o-4", 6));

        var page = observations.list(observationFilter(null, null, since), PageRequest.first(50));

        assertEquals(List.of("o-4", "o-3"), ids(page.items()));
    }

    @Test
    void timeFilterFinerThanAMicrosecondKeepsOnlyObservationsAtOrAfterIt() {
        commit(observation("o-1", 1), observation("o-2", 2));

        var justAfterTheFirst = observations.list(
                observationFilter(null, null, T0.plus(Duration.ofMinutes(1)).plusNanos(1)), PageRequest.first(50));
        var justBeforeTheSecond = observations.list(
                observationFilter(null, null, T0.plus(Duration.ofMinutes(2)).minusNanos(1)), PageRequest.first(50));

        assertEquals(List.of("o-2"), ids(justAfterTheFirst.items()));
        assertEquals(List.of("o-2"), ids(justBeforeTheSecond.items()));
    }

    @Test
    void listFiltersByOfficerIncidentAndTimeTogether() {
        commit(observation("o-1", 1, "B-100", "i-1"), observation("o-2", 2, "B-100", "i-1"),
                observation("o-3", 3, "B-100", "i-2"), observation("o-4", 4, "B-200", "i-1"),
                observation("o-5", 5, "B-100", "i-1"), observation("o-6", 6, null, "i-1"));

        var page = observations.list(observationFilter("B-100", "i-1", T0.plus(Duration.ofMinutes(2))),
                PageRequest.first(50));

        assertEquals(List.of("o-5", "o-2"), ids(page.items()));
    }

    @Test
    void listWithoutMatchesIsAnEmptyLastPage() {
        commit(observation("o-1", 1, "B-100", "i-1"));

        var page = observations.list(observationFilter("B-200", null, null), PageRequest.first(50));

        assertEquals(new Page<ObservationView>(List.of(), null), page);
    }

    @Test
    void pagesHoldAtMostTheLimitAndOnlyTheLastHasNoCursor() {
        commit(observation("o-1", 1), observation("o-2", 2), observation("o-3", 3), observation("o-4", 4),
                observation("o-5", 5));

        var first = observations.list(ViewFilter.ALL, PageRequest.first(2));
        var second = observations.list(ViewFilter.ALL, new PageRequest(2, first.nextCursor()));
        var third = observations.list(ViewFilter.ALL, new PageRequest(2, second.nextCursor()));

        assertEquals(List.of("o-5", "o-4"), ids(first.items()));
        assertEquals(List.of("o-3", "o-2"), ids(second.items()));
        assertEquals(List.of("o-1"), ids(third.items()));
        assertNotNull(first.nextCursor());
        assertNotNull(second.nextCursor());
        assertNull(third.nextCursor());
    }

    @Test
    void pageThatEndsWithTheLastObservationHasNoCursor() {
        commit(observation("o-1", 1), observation("o-2", 2), observation("o-3", 3), observation("o-4", 4));

        var whole = observations.list(ViewFilter.ALL, PageRequest.first(4));
        var first = observations.list(ViewFilter.ALL, PageRequest.first(2));
        var second = observations.list(ViewFilter.ALL, new PageRequest(2, first.nextCursor()));

        assertEquals(4, whole.items().size());
        assertNull(whole.nextCursor());
        assertEquals(List.of("o-2", "o-1"), ids(second.items()));
        assertNull(second.nextCursor());
    }

    @Test
    void followingTheCursorsVisitsEveryObservationOnceEvenAcrossTies() {
        // four observations share each time, so most page ends fall inside a tie
        var all = IntStream.range(0, 22).mapToObj(i -> observation("o-%02d".formatted(i), i / 4))
                .toArray(ObservationView[]::new);
        commit(all);

        var visited = Pages.readAll(cursor -> observations.list(ViewFilter.ALL, new PageRequest(3, cursor)), null);

        assertEquals(Arrays.stream(all).sorted(NEWEST_FIRST).toList(), visited);
    }

    @Test
    void followingTheCursorsOfAFilteredListVisitsEveryMatchingObservationOnce() {
        var all = IntStream.range(0, 30).mapToObj(i -> observation("o-%02d".formatted(i), i / 3,
                i % 3 == 0 ? "B-200" : "B-100", i % 5 == 0 ? null : "i-1")).toArray(ObservationView[]::new);
        commit(all);
        var filter = observationFilter("B-100", "i-1", T0.plus(Duration.ofMinutes(2)));

        var visited = Pages.readAll(cursor -> observations.list(filter, new PageRequest(2, cursor)), null);

        assertEquals(Arrays.stream(all).filter(observation -> "B-100".equals(observation.badgeNumber())
                && "i-1".equals(observation.incidentId())
                && !observation.observedAt().isBefore(T0.plus(Duration.ofMinutes(2)))).sorted(NEWEST_FIRST).toList(), visited);
    }

    @Test
    void pagingIsStableWhenObservationsAreAddedAndChangedBetweenPages() {
        var initial = IntStream.rangeClosed(1, 9).mapToObj(i -> observation("o-" + i + "0", i))
                .collect(Collectors.toMap(ObservationView::observationId, Function.identity()));
        commit(initial.values().toArray(ObservationView[]::new));
        var visited = new ArrayList<ObservationView>();
        var first = observations.list(ViewFilter.ALL, PageRequest.first(3));
        visited.addAll(first.items());

        // o-70 ends the first page: o-99 and o-75 come before it, o-65 and o-05 after it
        commit(observation("o-99", 10), observation("o-75", 7), observation("o-65", 7), observation("o-05", 0),
                withNotes(initial.get("o-80"), "seen again"), withNotes(initial.get("o-50"), "seen again"));
        var second = observations.list(ViewFilter.ALL, new PageRequest(3, first.nextCursor()));
        visited.addAll(second.items());
        // o-50 ends the second page: o-55 comes before it, o-45 after it
        commit(observation("o-55", 5), observation("o-45", 5), withNotes(initial.get("o-30"), "seen again"));
        visited.addAll(Pages.readAll(cursor -> observations.list(ViewFilter.ALL, new PageRequest(3, cursor)),
                second.nextCursor()));

        assertEquals(List.of("o-90", "o-80", "o-70", "o-65", "o-60", "o-50", "o-45", "o-40", "o-30", "o-20", "o-10",
                "o-05"), ids(visited));
        var byId = visited.stream().collect(Collectors.toMap(ObservationView::observationId, Function.identity()));
        assertEquals("seen again", byId.get("o-50").notes());
        assertEquals("seen again", byId.get("o-30").notes());
    }

    @Test
    void malformedCursorIsRejected() {
        commit(observation("o-1", 1));

        for (var cursor : List.of("not a cursor!", Cursor.encode("o-1"), Cursor.encode("yesterday", "o-1"),
                Cursor.encode(T0.toString(), "o-1", "extra")))
            assertThrows(IllegalArgumentException.class,
                    () -> observations.list(ViewFilter.ALL, new PageRequest(10, cursor)), cursor);
    }

    /** A sighting {@code minute} minutes after {@link #T0} that names no officer and no incident. */
    private static ObservationView observation(String id, int minute) {
        return observation(id, minute, null, null);
    }

    private static ObservationView observation(String id, int minute, String badgeNumber, String incidentId) {
        return anObservationRow(id, T0.plus(Duration.ofMinutes(minute)), badgeNumber, incidentId);
    }

    private void commit(ObservationView... rows) {
        store.commit(new ProjectionBatch<>(
                Arrays.stream(rows).collect(Collectors.toMap(ObservationView::observationId, Function.identity())),
                List.of(), Map.of()));
    }

    private static List<String> ids(List<ObservationView> observations) {
        return observations.stream().map(ObservationView::observationId).toList();
    }

    private static ViewFilter observationFilter(String officer, String incident, Instant since) {
        var filter = ViewFilter.where();
        if (officer != null) filter.is("officer", officer);
        if (incident != null) filter.is("incident", incident);
        if (since != null) filter.since("since", since);
        return filter.build();
    }
}
