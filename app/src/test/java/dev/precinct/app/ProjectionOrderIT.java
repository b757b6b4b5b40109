package dev.precinct.app;

import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The projection has the final word, in log order, and replaying the log gives the same answer: commands that
 * both pass acceptance (because nothing was projected yet) end one APPLIED and one REJECTED, and two fresh
 * projections of the same log hold identical read models and outcomes. Runs the roles as separate Precincts so
 * the projector can be held back; no other projector may run meanwhile (they share the consumer groups).
 */
class ProjectionOrderIT {
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
        assertEquals(tables(database).get("precinct_view_officers").stream().filter(row -> row.get("id").equals(badge))
                .toList(), replay.get("precinct_view_officers").stream().filter(row -> row.get("id").equals(badge)).toList());
    }

    private static String outcomeResource(Http http, String correlationId) throws Exception {
        var response = http.get("/api/v1/commands/" + correlationId + "?waitMs=20000");
        assertEquals(200, response.statusCode(), response.body());
        return body(response).get("resource").asText().substring("/api/v1/incidents/".length());
    }

    /** Projects every topic from offset 0 into {@code database} and returns its tables. */
    private static Map<String, List<Map<String, String>>> replayInto(String database) throws Exception {
        var ends = ReadModelTables.endOffsets();
        try (var projector = Precinct.start(RealServices.settings(database, "projector"))) {
            ReadModelTables.awaitCaughtUp(database, ends, Duration.ofSeconds(60));
        }
        return tables(database);
    }

    /** Every row of every read-model table, by primary key; {@code applied_at} left out (it is when, not what). */
    private static Map<String, List<Map<String, String>>> tables(String database) throws SQLException {
        return ReadModelTables.rows(database, ReadModelTables.READ_MODELS, Map.of());
    }
}
