package dev.precinct.adapters.jdbc;

import dev.precinct.core.paging.Cursor;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.contract.OfficerQueriesContract;
import dev.precinct.police.incident.IncidentFilter;
import dev.precinct.police.incident.IncidentView;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerFilter;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.core.port.OfficerQueries;
import dev.precinct.core.port.ProjectionStore;
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

    private PostgresDatabase database;

    @Override
    protected ProjectionStore<OfficerView> newOfficerStore() {
        database = new PostgresDatabase(TestServices.freshDatabase(), TestServices.jdbcUser(),
                TestServices.jdbcPassword());
        return new JdbiProjectionStore<>(database.jdbi(), "officers", new JdbiOfficerTable());
    }

    @Override
    protected ProjectionStore<IncidentView> incidentStore() {
        return new JdbiProjectionStore<>(database.jdbi(), "incidents", new JdbiIncidentTable());
    }

    @Override
    protected OfficerQueries officers() {
        return new JdbiOfficerQueries(database.jdbi());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void failedIncidentCommitLeavesNoAssignmentBehind() {
        var officers = new JdbiProjectionStore<>(database.jdbi(), "officers", new JdbiOfficerTable());
        officers.commit(batch(OfficerView::badgeNumber, anOfficerRow("B-100", DutyStatus.ON_DUTY, "Traffic")));
        var failing = new JdbiProjectionStore<>(database.jdbi(), "incidents", new FailingAfterUpsert<>(new JdbiIncidentTable()));

        assertThrows(IllegalStateException.class, () -> failing.commit(
                batch(IncidentView::incidentId, withAssigned(anIncidentRow("i-1", T0), "B-100"))));

        assertNull(officers().find("B-100").orElseThrow().currentIncidentId());
        assertEquals(Map.of(), failing.load(List.of("i-1")));
    }

    @Test
    void largeIncidentBatchKeepsEveryAssignment() {
        var incidents = new JdbiProjectionStore<>(database.jdbi(), "incidents", new JdbiIncidentTable());
        var open = IntStream.range(0, 1_000).mapToObj(i -> withAssigned(anIncidentRow("i-%04d".formatted(i), T0),
                IntStream.range(0, 10).mapToObj(b -> "B-%04d-%d".formatted(i, b)).toArray(String[]::new))).toList();
        incidents.commit(batch(IncidentView::incidentId, open.toArray(IncidentView[]::new)));

        incidents.commit(batch(IncidentView::incidentId,
                open.stream().filter(incident -> incident.incidentId().endsWith("0"))
                        .map(incident -> asClosed(incident, T0.plusSeconds(60))).toArray(IncidentView[]::new)));

        var assignments = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT badge_number, incident_id FROM officer_assignments")
                .map((rs, ctx) -> Map.entry(rs.getString("badge_number"), rs.getString("incident_id")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        var expected = open.stream().filter(incident -> !incident.incidentId().endsWith("0"))
                .flatMap(incident -> incident.assignedBadges().stream().map(b -> Map.entry(b, incident.incidentId())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(expected, assignments);
    }

    @Test
    void listOrderIsCharacterOrderWhateverTheDatabaseLocale() {
        // an ICU locale that, like glibc's en_US, ignores punctuation and sorts lower case first
        try (var localized = new PostgresDatabase(databaseWithLocale("en-US-u-ka-shifted"), TestServices.jdbcUser(),
                TestServices.jdbcPassword())) {
            var officers = new JdbiProjectionStore<>(localized.jdbi(), "officers", new JdbiOfficerTable());
            var incidents = new JdbiProjectionStore<>(localized.jdbi(), "incidents", new JdbiIncidentTable());
            officers.commit(batch(OfficerView::badgeNumber, Stream.of("B1", "A-30", "A10", "A-4", "A2")
                    .map(badge -> anOfficerRow(badge, DutyStatus.ON_DUTY, "Traffic")).toArray(OfficerView[]::new)));
            incidents.commit(batch(IncidentView::incidentId, anIncidentRow("b-2", T0), anIncidentRow("B-3", T0),
                    anIncidentRow("a-1", T0), anIncidentRow("a1", T0)));

            var officerQueries = new JdbiOfficerQueries(localized.jdbi());
            var firstOfficers = officerQueries.list(OfficerFilter.ALL, PageRequest.first(2));
            var nextOfficers = officerQueries.list(OfficerFilter.ALL, new PageRequest(10, firstOfficers.nextCursor()));
            var incidentPage = new JdbiIncidentQueries(localized.jdbi()).list(IncidentFilter.ALL,
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
        var officers = new JdbiProjectionStore<>(database.jdbi(), "officers", new JdbiOfficerTable());
        officers.commit(batch(OfficerView::badgeNumber, anOfficerRow("B-100", DutyStatus.ON_DUTY, "Traffic")));
        var queries = officers();

        var found = queries.find("B-100\0");
        var page = queries.list(new OfficerFilter(null, "Traffic\0"), PageRequest.first(10));

        assertEquals(Optional.empty(), found);
        assertEquals(List.of(), page.items());
        assertThrows(IllegalArgumentException.class,
                () -> queries.list(OfficerFilter.ALL, new PageRequest(10, Cursor.encode("B-1\0"))));
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
