package dev.precinct.adapters.jdbc;

import dev.precinct.core.paging.Cursor;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.contract.OfficerQueriesContract;
import dev.precinct.core.contract.PoliceStorage;
import dev.precinct.core.view.ViewFilter;
import dev.precinct.core.view.ViewQueries;
import dev.precinct.police.Police;
import dev.precinct.police.incident.Incidents;
import dev.precinct.police.incident.IncidentView;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.precinct.police.incident.IncidentFixtures.anIncidentRow;
import static dev.precinct.police.incident.IncidentFixtures.asClosed;
import static dev.precinct.police.incident.IncidentFixtures.withAssigned;
import static dev.precinct.police.officer.OfficerFixtures.anOfficerRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JdbiOfficerQueriesIT extends OfficerQueriesContract {
    private static final Instant T0 = Instant.parse("2026-11-29T08:15:00.123456Z");

    private JdbiPoliceStorage storage;

    @Override
    protected PoliceStorage newStorage() {
        storage = new JdbiPoliceStorage();
        return storage;
    }

    @AfterEach
    void closeDatabase() {
        storage.close();
    }

    @Test
    void failedIncidentCommitLeavesNoAssignmentBehind() {
        var jdbi = storage.database().jdbi();
        storage.store(OfficerView.MODEL).commit(batch(OfficerView::badgeNumber,
                anOfficerRow("B-100", DutyStatus.ON_DUTY, "Traffic")));
        var failing = new JdbiProjectionStore<>(jdbi, "incidents", new FailingAfterUpsert<>(
                JdbiStoredViewTable.create(jdbi, IncidentView.STORAGE, new JsonCodec(Police.catalog()))));

        assertThrows(IllegalStateException.class, () -> failing.commit(
                batch(IncidentView::incidentId, withAssigned(anIncidentRow("i-1", T0), "B-100"))));

        assertNull(officers().find("B-100").orElseThrow().currentIncidentId());
        assertEquals(Map.of(), failing.load(List.of("i-1")));
    }

    @Test
    void largeIncidentBatchKeepsEveryAssignment() {
        var incidents = storage.store(IncidentView.MODEL);
        var open = IntStream.range(0, 1_000).mapToObj(i -> withAssigned(anIncidentRow("i-%04d".formatted(i), T0),
                IntStream.range(0, 10).mapToObj(b -> "B-%04d-%d".formatted(i, b)).toArray(String[]::new))).toList();
        incidents.commit(batch(IncidentView::incidentId, open.toArray(IncidentView[]::new)));

        incidents.commit(batch(IncidentView::incidentId,
                open.stream().filter(incident -> incident.incidentId().endsWith("0"))
                        .map(incident -> asClosed(incident, T0.plusSeconds(60))).toArray(IncidentView[]::new)));

        var readModels = storage.queries();
        var assignments = open.stream().flatMap(incident -> incident.assignedBadges().stream())
                .filter(badge -> badge.hashCode() % 37 == 0)
                .flatMap(badge -> Incidents.currentIncidentOf(badge, readModels).map(id -> Map.entry(badge, id)).stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        var expected = open.stream().filter(incident -> !incident.incidentId().endsWith("0"))
                .flatMap(incident -> incident.assignedBadges().stream().map(b -> Map.entry(b, incident.incidentId())))
                .filter(assignment -> assignment.getKey().hashCode() % 37 == 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(expected, assignments);
    }

    @Test
    void listOrderIsCharacterOrderWhateverTheDatabaseLocale() {
        // an ICU locale that, like glibc's en_US, ignores punctuation and sorts lower case first
        try (var localized = new JdbiPoliceStorage(databaseWithLocale("en-US-u-ka-shifted"))) {
            var officers = localized.store(OfficerView.MODEL);
            var incidents = localized.store(IncidentView.MODEL);
            officers.commit(batch(OfficerView::badgeNumber, Stream.of("B1", "A-30", "A10", "A-4", "A2")
                    .map(badge -> anOfficerRow(badge, DutyStatus.ON_DUTY, "Traffic")).toArray(OfficerView[]::new)));
            incidents.commit(batch(IncidentView::incidentId, anIncidentRow("b-2", T0), anIncidentRow("B-3", T0),
                    anIncidentRow("a-1", T0), anIncidentRow("a1", T0)));

            var officerQueries = localized.queries().of(OfficerView.MODEL);
            var firstOfficers = officerQueries.list(ViewFilter.ALL, PageRequest.first(2));
            var nextOfficers = officerQueries.list(ViewFilter.ALL, new PageRequest(10, firstOfficers.nextCursor()));
            var incidentPage = localized.queries().of(IncidentView.MODEL).list(ViewFilter.ALL,
                    PageRequest.first(10));

            assertEquals(List.of("A-30", "A-4"), firstOfficers.items().stream().map(OfficerView::badgeNumber).toList());
            assertEquals(List.of("A10", "A2", "B1"), nextOfficers.items().stream().map(OfficerView::badgeNumber)
                    .toList());
            assertEquals(List.of("b-2", "a1", "a-1", "B-3"), incidentPage.items().stream()
                    .map(IncidentView::incidentId).toList());
        }
    }

    @Test
    void badgeOrFilterWithANulCharacterMatchesNothing() {
        storage.store(OfficerView.MODEL).commit(batch(OfficerView::badgeNumber,
                anOfficerRow("B-100", DutyStatus.ON_DUTY, "Traffic")));
        var queries = officers();

        var found = queries.find("B-100\0");
        var page = queries.list(ViewFilter.where().is("unit", "Traffic\0").build(), PageRequest.first(10));

        assertEquals(Optional.empty(), found);
        assertEquals(List.of(), page.items());
        assertThrows(IllegalArgumentException.class,
                () -> queries.list(ViewFilter.ALL, new PageRequest(10, Cursor.encode("B-1\0"))));
    }

    private ViewQueries<OfficerView> officers() {
        return storage.queries().of(OfficerView.MODEL);
    }

    @SafeVarargs
    private static <V> ProjectionBatch<V> batch(Function<V, String> id, V... rows) {
        return new ProjectionBatch<>(List.of(rows).stream().collect(Collectors.toMap(id, Function.identity())),
                List.of(), Map.of());
    }

    /** A new, empty database on the test server whose text columns sort by {@code icuLocale} unless told not to. */
    private static String databaseWithLocale(String icuLocale) {
        var name = "precinct_" + UUID.randomUUID().toString().replace("-", "");
        var properties = new Properties();
        properties.setProperty("user", TestServices.jdbcUser());
        properties.setProperty("password", TestServices.jdbcPassword());
        try (var connection = DriverManager.getConnection(TestServices.jdbcUrl(), properties);
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' "
                    + "LOCALE_PROVIDER icu ICU_LOCALE '" + icuLocale + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database with ICU locale " + icuLocale, e);
        }
        var url = TestServices.jdbcUrl();
        int query = url.indexOf('?');
        var base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + (query < 0 ? "" : url.substring(query));
    }
}
