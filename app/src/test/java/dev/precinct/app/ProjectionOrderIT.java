package dev.precinct.app;

import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The projection has the final word, in log order, and replaying the log gives the same answer: commands that
 * both pass acceptance (because nothing was projected yet) end one APPLIED and one REJECTED, and two fresh
 * projections of the same log hold identical read models and outcomes. Runs the roles as separate Precincts so
 * the projector can be held back; no other projector may run meanwhile (they share the consumer groups).
 */
class ProjectionOrderIT {
    private static final Map<String, String> TABLES = Map.of(
            "officers", "badge_number",
            "incidents", "incident_id",
            "officer_assignments", "badge_number",
            "observations", "observation_id",
            "command_status", "correlation_id");
    private static final List<String> PROJECTIONS = List.of("officers", "incidents", "observations");

    private static String accepted(Http http, String path, String json) throws Exception {
        var response = http.postJson(path, json);
        assertEquals(202, response.statusCode(), response.body());
        return body(response).get("correlationId").asText();
    }

    private static String outcome(Http http, String correlationId) throws Exception {
        var response = http.get("/api/v1/commands/" + correlationId + "?waitMs=20000");
        assertEquals(200, response.statusCode(), response.body());
        return body(response).get("status").asText();
    }

    @Test
    void racingCommandsAreDecidedInLogOrderAndReplayGivesTheSameReadModels() throws Exception {
        var database = TestServices.freshDatabase();
        var badge = OfficerJson.aBadge();
        String incident;
        String firstRegistration;
        String secondRegistration;
        String firstClose;
        String secondClose;
        try (var edge = Precinct.start(RealServices.settings(database, "edge"));
             var businessLogic = Precinct.start(RealServices.settings(database, "bl"))) {
            var http = new Http(edge.httpPort());
            try (var projector = Precinct.start(RealServices.settings(database, "projector"))) {
                incident = outcomeResource(http, accepted(http, "/api/v1/incidents", DomainJson.incident()));
            }

            // no projector: both pass acceptance against read models that do not know the first yet
            firstRegistration = accepted(http, "/api/v1/officers", OfficerJson.registration(badge));
            secondRegistration = accepted(http, "/api/v1/officers", OfficerJson.registration(badge, "INSPECTOR"));
            firstClose = accepted(http, "/api/v1/incidents/" + incident + "/closure", "{\"resolution\":\"RESOLVED\"}");
            secondClose = accepted(http, "/api/v1/incidents/" + incident + "/closure", "{\"resolution\":\"NO_ACTION\"}");

            try (var projector = Precinct.start(RealServices.settings(database, "projector"))) {
                assertEquals("APPLIED", outcome(http, firstRegistration));
                assertEquals("REJECTED", outcome(http, secondRegistration));
                assertEquals("APPLIED", outcome(http, firstClose));
                assertEquals("REJECTED", outcome(http, secondClose));
                var officer = body(http.get("/api/v1/officers/" + badge));
                assertEquals("SERGEANT", officer.get("rank").asText());
                var closed = body(http.get("/api/v1/incidents/" + incident));
                assertEquals("RESOLVED", closed.get("resolution").asText());
                assertEquals(2, closed.get("version").asLong());
            }
        }

        var replay = replayInto(TestServices.freshDatabase());
        var again = replayInto(TestServices.freshDatabase());

        assertEquals(replay.keySet(), again.keySet());
        for (var table : replay.keySet()) assertEquals(replay.get(table), again.get(table), "table " + table);
        assertEquals(tables(database).get("officers").stream().filter(row -> row.get("badge_number").equals(badge)).toList(),
                replay.get("officers").stream().filter(row -> row.get("badge_number").equals(badge)).toList());
    }

    private static String outcomeResource(Http http, String correlationId) throws Exception {
        var response = http.get("/api/v1/commands/" + correlationId + "?waitMs=20000");
        assertEquals(200, response.statusCode(), response.body());
        return body(response).get("resource").asText().substring("/api/v1/incidents/".length());
    }

    /** Projects every topic from offset 0 into {@code database} and returns its tables. */
    private static Map<String, List<Map<String, Object>>> replayInto(String database) throws Exception {
        try (var projector = Precinct.start(RealServices.settings(database, "projector"))) {
            awaitCaughtUp(database);
        }
        return tables(database);
    }

    /** Waits until each projection's checkpoints reach the end offsets the topics had when called. */
    private static void awaitCaughtUp(String database) throws SQLException {
        var ends = new LinkedHashMap<String, Long>();
        for (var projection : PROJECTIONS)
            ends.put(projection, RealServices.endOffsets("precinct." + projection).values().stream()
                    .mapToLong(Long::longValue).sum());
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var reached = checkpoints(database);
            if (ends.entrySet().stream().allMatch(end -> reached.getOrDefault(end.getKey(), 0L) >= end.getValue()))
                return;
            if (System.nanoTime() > deadline)
                throw new AssertionError("the projections did not catch up: " + reached + " of " + ends);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static Map<String, Long> checkpoints(String database) throws SQLException {
        try (var connection = DriverManager.getConnection(database, credentials());
             var result = connection.createStatement().executeQuery(
                     "SELECT projection, sum(next_offset) FROM projection_checkpoints GROUP BY projection")) {
            var sums = new LinkedHashMap<String, Long>();
            while (result.next()) sums.put(result.getString(1), result.getLong(2));
            return sums;
        }
    }

    /** Every row of every read-model table, by primary key; {@code applied_at} left out (it is when, not what). */
    private static Map<String, List<Map<String, Object>>> tables(String database) throws SQLException {
        var tables = new LinkedHashMap<String, List<Map<String, Object>>>();
        try (var connection = DriverManager.getConnection(database, credentials())) {
            for (var table : TABLES.entrySet()) {
                var rows = new ArrayList<Map<String, Object>>();
                try (var result = connection.createStatement()
                        .executeQuery("SELECT * FROM " + table.getKey() + " ORDER BY " + table.getValue())) {
                    var columns = result.getMetaData();
                    while (result.next()) {
                        var row = new LinkedHashMap<String, Object>();
                        for (int c = 1; c <= columns.getColumnCount(); c++)
                            if (!columns.getColumnName(c).equals("applied_at"))
                                row.put(columns.getColumnName(c), String.valueOf(result.getObject(c)));
                        rows.add(row);
                    }
                }
                tables.put(table.getKey(), rows);
            }
        }
        return tables;
    }

    private static Properties credentials() {
        var properties = new Properties();
        properties.setProperty("user", TestServices.jdbcUser());
        properties.setProperty("password", TestServices.jdbcPassword());
        return properties;
    }
}
