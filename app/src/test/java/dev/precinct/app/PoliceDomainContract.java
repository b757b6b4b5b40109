package dev.precinct.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.UUID;

import static dev.precinct.app.RegisterOfficerContract.assertProblem;
import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole police domain through the edge, as a client sees it: every command of docs/CONTRACT.md's REST table with
 * its read models, statuses and lists. Run against the embedded mode and against real NATS, Kafka and PostgreSQL.
 */
abstract class PoliceDomainContract {
    abstract Http http();

    /** POSTs {@code json} to {@code path}, expects 202 and waits until the command is decided; its status. */
    JsonNode decided(String path, String json, String... headers) throws Exception {
        var accepted = http().postJson(path, json, headers);
        assertEquals(202, accepted.statusCode(), path + " " + accepted.body());
        return status(body(accepted).get("correlationId").asText());
    }

    JsonNode status(String correlationId) throws Exception {
        var status = http().get("/api/v1/commands/" + correlationId + "?waitMs=15000");
        assertEquals(200, status.statusCode(), status.body());
        return body(status);
    }

    JsonNode get(String path) throws Exception {
        var response = http().get(path);
        assertEquals(200, response.statusCode(), path + " " + response.body());
        return body(response);
    }

    String anOnDutyOfficer() throws Exception {
        var badge = OfficerJson.aBadge();
        assertEquals("APPLIED", decided("/api/v1/officers", OfficerJson.registration(badge)).get("status").asText());
        assertEquals("APPLIED", decided("/api/v1/officers/" + badge + "/duty-status",
                "{\"dutyStatus\":\"ON_DUTY\"}").get("status").asText());
        return badge;
    }

    String anIncident() throws Exception {
        var status = decided("/api/v1/incidents", DomainJson.incident());
        assertEquals("APPLIED", status.get("status").asText());
        return status.get("resource").asText().substring("/api/v1/incidents/".length());
    }

    @Test
    void dutyStatusChangesShowOnTheOfficer() throws Exception {
        var badge = anOnDutyOfficer();

        var officer = get("/api/v1/officers/" + badge);

        assertEquals("ON_DUTY", officer.get("dutyStatus").asText());
        assertEquals(2, officer.get("version").asLong());
    }

    @Test
    void changingTheDutyStatusOfAnUnknownOfficerIs404() throws Exception {
        assertProblem(http().postJson("/api/v1/officers/" + OfficerJson.aBadge() + "/duty-status",
                "{\"dutyStatus\":\"ON_DUTY\"}"), 404);
    }

    @Test
    void aSuspendedOfficerCannotGoOnDuty() throws Exception {
        var badge = anOnDutyOfficer();
        decided("/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"SUSPENDED\",\"reason\":\"inquiry\"}");

        assertProblem(http().postJson("/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}"), 409);
    }

    @Test
    void aReportedIncidentGetsAnIdAndIsReadable() throws Exception {
        var id = anIncident();

        var incident = get("/api/v1/incidents/" + id);

        UUID.fromString(id);
        assertEquals("OPEN", incident.get("status").asText());
        assertEquals("BURGLARY", incident.get("category").asText());
        assertEquals(51.5, incident.get("location").get("lat").asDouble());
        assertEquals(0, incident.get("assignedBadges").size());
    }

    @Test
    void assigningAnOffDutyOfficerIsRefusedAtAcceptance() throws Exception {
        var id = anIncident();
        var badge = OfficerJson.aBadge();
        decided("/api/v1/officers", OfficerJson.registration(badge));

        var refused = http().postJson("/api/v1/incidents/" + id + "/assignments", "{\"badgeNumber\":\"" + badge + "\"}");

        assertProblem(refused, 409);
        assertTrue(body(refused).get("detail").asText().contains("OFF_DUTY"));
        assertEquals(0, get("/api/v1/incidents/" + id).get("assignedBadges").size());
    }

    @Test
    void anAssignedOfficerShowsTheIncidentUntilItCloses() throws Exception {
        var id = anIncident();
        var badge = anOnDutyOfficer();

        var assigned = decided("/api/v1/incidents/" + id + "/assignments", "{\"badgeNumber\":\"" + badge + "\"}");
        var incident = get("/api/v1/incidents/" + id);
        var officerWhileOpen = get("/api/v1/officers/" + badge);
        var closed = decided("/api/v1/incidents/" + id + "/closure", "{\"resolution\":\"RESOLVED\",\"notes\":\"done\"}");
        var officerAfter = get("/api/v1/officers/" + badge);

        assertEquals("APPLIED", assigned.get("status").asText());
        assertEquals("ASSIGNED", incident.get("status").asText());
        assertEquals(badge, incident.get("assignedBadges").get(0).asText());
        assertEquals(id, officerWhileOpen.get("currentIncidentId").asText());
        assertEquals("APPLIED", closed.get("status").asText());
        assertEquals("CLOSED", get("/api/v1/incidents/" + id).get("status").asText());
        assertTrue(officerAfter.get("currentIncidentId").isNull());
    }

    @Test
    void closingAClosedIncidentIs409() throws Exception {
        var id = anIncident();
        decided("/api/v1/incidents/" + id + "/closure", "{\"resolution\":\"NO_ACTION\"}");

        assertProblem(http().postJson("/api/v1/incidents/" + id + "/closure", "{\"resolution\":\"RESOLVED\"}"), 409);
        assertEquals(2, get("/api/v1/incidents/" + id).get("version").asLong());
    }

    @Test
    void commandsToAnUnknownIncidentAre404() throws Exception {
        var unknown = UUID.randomUUID();

        assertProblem(http().postJson("/api/v1/incidents/" + unknown + "/closure", "{\"resolution\":\"RESOLVED\"}"), 404);
        assertProblem(http().postJson("/api/v1/incidents/" + unknown + "/assignments", "{\"badgeNumber\":\"B-1\"}"), 404);
        assertProblem(http().get("/api/v1/incidents/" + unknown), 404);
    }

    @Test
    void aPathIdThatIsNotAUuidIs422() throws Exception {
        assertProblem(http().postJson("/api/v1/incidents/nope/closure", "{\"resolution\":\"RESOLVED\"}"), 422);
    }

    @Test
    void anObservationIsAcceptedAtOnceAndReadableOnceProjected() throws Exception {
        var badge = OfficerJson.aBadge();

        var status = decided("/api/v1/observations", DomainJson.plateRead(badge, "AB12CDE"));
        var observation = get(status.get("resource").asText());
        var byOfficer = get("/api/v1/observations?officer=" + badge);

        assertEquals("APPLIED", status.get("status").asText());
        assertEquals("RecordObservation", status.get("commandType").asText());
        assertEquals("AB12CDE", observation.get("plate").asText());
        assertEquals(1, byOfficer.get("items").size());
        assertTrue(byOfficer.get("nextCursor").isNull());
    }

    @Test
    void anObservationRetriedWithTheSameKeyAppearsOnce() throws Exception {
        var badge = OfficerJson.aBadge();
        var key = "obs-" + UUID.randomUUID();

        var first = http().postJson("/api/v1/observations", DomainJson.plateRead(badge, "XY99ZZZ"), "Idempotency-Key", key);
        var retry = http().postJson("/api/v1/observations", DomainJson.plateRead(badge, "XY99ZZZ"), "Idempotency-Key", key);
        var status = status(body(retry).get("correlationId").asText());

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, retry.statusCode(), retry.body());
        assertEquals(body(first).get("correlationId"), body(retry).get("correlationId"));
        assertEquals("APPLIED", status.get("status").asText());
        assertEquals(1, get("/api/v1/observations?officer=" + badge).get("items").size());
    }

    @Test
    void aPlateReadWithoutAPlateIs422() throws Exception {
        var response = http().postJson("/api/v1/observations", DomainJson.plateRead(OfficerJson.aBadge(), null));

        assertProblem(response, 422);
        assertEquals("plate", body(response).get("violations").get(0).get("field").asText());
    }

    @Test
    void officerListsFilterAndPageWithoutRepeats() throws Exception {
        var unit = "Unit-" + UUID.randomUUID();
        var badges = new HashSet<String>();
        for (int i = 0; i < 5; i++) {
            var badge = OfficerJson.aBadge();
            badges.add(badge);
            decided("/api/v1/officers", OfficerJson.registration(badge).replace("Central", unit));
        }

        var seen = new HashSet<String>();
        String cursor = null;
        int pages = 0;
        do {
            var page = get("/api/v1/officers?unit=" + URLEncoder.encode(unit, StandardCharsets.UTF_8) + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (var officer : page.get("items")) assertTrue(seen.add(officer.get("badgeNumber").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertEquals(badges, seen);
        assertEquals(3, pages);
    }

    @Test
    void incidentListsFilterByStatusAndPriority() throws Exception {
        var id = anIncident();

        var open = get("/api/v1/incidents?status=OPEN&priority=P2&limit=500");
        var closed = get("/api/v1/incidents?status=CLOSED&limit=500");

        assertTrue(open.get("items").findValuesAsText("incidentId").contains(id));
        assertFalse(closed.get("items").findValuesAsText("incidentId").contains(id));
    }

    /** POSTs {@code json} to {@code path}, expects 202, and reads the 202's resource after its command, in one GET. */
    HttpResponse<String> readAfter(String path, String json) throws Exception {
        var accepted = http().postJson(path, json);
        assertEquals(202, accepted.statusCode(), path + " " + accepted.body());
        var body = body(accepted);
        return http().get(body.get("resource").asText() + "?afterCommand=" + body.get("correlationId").asText()
                + "&waitMs=15000");
    }

    static String commandStatusOf(HttpResponse<String> response) {
        return response.headers().firstValue("Precinct-Command-Status").orElse(null);
    }

    @Test
    void aReadAfterItsCommandSeesTheWriteWithoutAClientSideRetry() throws Exception {
        var badge = OfficerJson.aBadge();

        var registered = readAfter("/api/v1/officers", OfficerJson.registration(badge));
        var onDuty = readAfter("/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}");
        var reported = readAfter("/api/v1/incidents", DomainJson.incident());
        var observed = readAfter("/api/v1/observations", DomainJson.plateRead(badge, "RW12YRW"));

        assertEquals(200, registered.statusCode(), registered.body());
        assertEquals("APPLIED", commandStatusOf(registered));
        assertEquals(badge, body(registered).get("badgeNumber").asText());
        assertEquals(200, onDuty.statusCode(), onDuty.body());
        assertEquals("APPLIED", commandStatusOf(onDuty));
        assertEquals("ON_DUTY", body(onDuty).get("dutyStatus").asText());
        assertEquals(2, body(onDuty).get("version").asLong());
        assertEquals(200, reported.statusCode(), reported.body());
        assertEquals("APPLIED", commandStatusOf(reported));
        assertEquals("OPEN", body(reported).get("status").asText());
        assertEquals(200, observed.statusCode(), observed.body());
        assertEquals("APPLIED", commandStatusOf(observed));
        assertEquals("RW12YRW", body(observed).get("plate").asText());
    }

    @Test
    void aReadAfterACommandNotDecidedWhenTheWaitEndsAnswersAsItStandsAndSaysPending() throws Exception {
        var badge = anOnDutyOfficer();
        var unknownCommand = UUID.randomUUID();

        var existing = http().get("/api/v1/officers/" + badge + "?afterCommand=" + unknownCommand + "&waitMs=0");
        var missing = http().get("/api/v1/incidents/" + UUID.randomUUID() + "?afterCommand=" + unknownCommand);

        assertEquals(200, existing.statusCode(), existing.body());
        assertEquals("PENDING", commandStatusOf(existing));
        assertEquals("ON_DUTY", body(existing).get("dutyStatus").asText());
        assertProblem(missing, 404);
        assertEquals("PENDING", commandStatusOf(missing));
    }

    @Test
    void aPlainReadSaysNothingAboutCommands() throws Exception {
        var badge = anOnDutyOfficer();

        var officer = http().get("/api/v1/officers/" + badge);

        assertEquals(200, officer.statusCode(), officer.body());
        assertTrue(officer.headers().firstValue("Precinct-Command-Status").isEmpty());
    }

    @Test
    void badReadYourWritesParametersAre400() throws Exception {
        var command = UUID.randomUUID();

        assertProblem(http().get("/api/v1/officers/B-1042?afterCommand=not-a-uuid"), 400);
        assertProblem(http().get("/api/v1/incidents/" + UUID.randomUUID() + "?afterCommand=" + command
                + "&waitMs=30001"), 400);
        assertProblem(http().get("/api/v1/observations/" + UUID.randomUUID() + "?afterCommand=" + command
                + "&waitMs=soon"), 400);
        assertProblem(http().get("/api/v1/officers/B-1042?waitMs=100"), 400);
        assertEquals("afterCommand", body(http().get("/api/v1/officers/B-1042?afterCommand=42"))
                .get("violations").get(0).get("field").asText());
    }

    @Test
    void badListParametersAre400() throws Exception {
        assertProblem(http().get("/api/v1/officers?dutyStatus=ASLEEP"), 400);
        assertProblem(http().get("/api/v1/officers?limit=501"), 400);
        assertProblem(http().get("/api/v1/officers?limit=0"), 400);
        assertProblem(http().get("/api/v1/incidents?cursor=not-a-cursor"), 400);
        assertProblem(http().get("/api/v1/observations?since=yesterday"), 400);
        assertProblem(http().get("/api/v1/observations?incident=42"), 400);
    }
}
