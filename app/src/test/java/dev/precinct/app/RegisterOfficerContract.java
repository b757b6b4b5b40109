package dev.precinct.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RegisterOfficer through the edge as docs/CONTRACT.md writes it, run against the embedded mode and against real
 * NATS, Kafka and PostgreSQL by the subclasses: same URLs, codes, bodies, idempotency and status semantics.
 */
abstract class RegisterOfficerContract {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The partitions of the topics Precinct creates: both subclasses run with the default. */
    private static final int TOPIC_PARTITIONS = Integer.parseInt(Settings.DEFINED.stream()
            .filter(setting -> setting.key().equals("topic.partitions")).findFirst().orElseThrow().defaultValue());

    /** The client of the running edge. */
    abstract Http http();

    static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        var problem = body(response);
        assertTrue(problem.get("status").isInt(), problem.toString());
        assertEquals(status, problem.get("status").intValue());
        assertTrue(problem.get("type").asText().startsWith("https://"), problem.toString());
        assertFalse(problem.get("title").asText().isBlank());
        assertFalse(problem.get("detail").asText().isBlank());
    }

    @Test
    void registerAnswers202WithLocationAndTheEventPosition() throws Exception {
        var badge = OfficerJson.aBadge();

        var response = http().postJson("/api/v1/officers", OfficerJson.registration(badge));

        assertEquals(202, response.statusCode(), response.body());
        var accepted = body(response);
        var correlationId = accepted.get("correlationId").asText();
        UUID.fromString(correlationId);
        assertEquals("ACCEPTED", accepted.get("status").asText());
        assertEquals("RegisterOfficer", accepted.get("commandType").asText());
        assertEquals("/api/v1/officers/" + badge, accepted.get("resource").asText());
        // no Idempotency-Key: the edge names the command with a UUID of its own
        UUID.fromString(accepted.get("commandId").asText());
        var event = accepted.get("event");
        assertEquals("precinct.officers", event.get("topic").asText());
        var partition = event.get("partition");
        assertTrue(partition.isInt(), event.toString());
        assertTrue(partition.intValue() >= 0 && partition.intValue() < TOPIC_PARTITIONS, event.toString());
        var offset = event.get("offset");
        assertTrue(offset.isIntegralNumber() && offset.canConvertToLong() && offset.longValue() >= 0, event.toString());
        assertEquals("/api/v1/commands/" + correlationId, response.headers().firstValue("Location").orElseThrow());
        assertEquals(correlationId, response.headers().firstValue("X-Correlation-Id").orElseThrow());
    }

    @Test
    void registeredOfficerIsReadableOnceTheStatusIsApplied() throws Exception {
        var badge = OfficerJson.aBadge();
        var sent = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var registered = http().postJson("/api/v1/officers", OfficerJson.registration(badge));
        assertEquals(202, registered.statusCode(), registered.body());
        var accepted = body(registered);

        var status = http().get("/api/v1/commands/" + accepted.get("correlationId").asText() + "?waitMs=10000");
        var answered = Instant.now();
        var officer = http().get("/api/v1/officers/" + badge);

        assertEquals(200, status.statusCode(), status.body());
        var statusBody = body(status);
        assertEquals("APPLIED", statusBody.get("status").asText());
        assertTrue(statusBody.get("reason").isNull());
        assertEquals(accepted.get("commandId").asText(), statusBody.get("commandId").asText());
        assertEquals("RegisterOfficer", statusBody.get("commandType").asText());
        assertEquals("/api/v1/officers/" + badge, statusBody.get("resource").asText());
        assertEquals("test-user", statusBody.get("issuedBy").asText());
        // RFC 3339 instants on this machine's clock, in the order the command lived them
        var acceptedAt = Instant.parse(statusBody.get("acceptedAt").textValue());
        var appliedAt = Instant.parse(statusBody.get("appliedAt").textValue());
        assertFalse(acceptedAt.isBefore(sent), statusBody.toString());
        assertFalse(appliedAt.isBefore(acceptedAt), statusBody.toString());
        assertFalse(appliedAt.isAfter(answered), statusBody.toString());
        assertEquals(200, officer.statusCode(), officer.body());
        var officerBody = body(officer);
        assertEquals(badge, officerBody.get("badgeNumber").asText());
        assertEquals("SERGEANT", officerBody.get("rank").asText());
        assertEquals("OFF_DUTY", officerBody.get("dutyStatus").asText());
        assertEquals(1, officerBody.get("version").asLong());
    }

    @Test
    void repeatedIdempotencyKeyAnswersTheOriginal202() throws Exception {
        var badge = OfficerJson.aBadge();
        var key = "key-" + UUID.randomUUID();

        var first = http().postJson("/api/v1/officers", OfficerJson.registration(badge), "Idempotency-Key", key);
        var second = http().postJson("/api/v1/officers", OfficerJson.registration(badge), "Idempotency-Key", key);

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, second.statusCode(), second.body());
        assertEquals(body(first), body(second));
        assertEquals(key, body(first).get("commandId").asText());
    }

    @Test
    void idempotencyKeyReusedWithAnotherBodyIs422() throws Exception {
        var key = "key-" + UUID.randomUUID();
        http().postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()), "Idempotency-Key", key);

        var reused = http().postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()),
                "Idempotency-Key", key);

        assertProblem(reused, 422);
    }

    @Test
    void registeringARegisteredBadgeIs409() throws Exception {
        var badge = OfficerJson.aBadge();
        var first = body(http().postJson("/api/v1/officers", OfficerJson.registration(badge)));
        http().get("/api/v1/commands/" + first.get("correlationId").asText() + "?waitMs=10000");

        var again = http().postJson("/api/v1/officers", OfficerJson.registration(badge));

        assertProblem(again, 409);
        assertFalse(body(again).get("correlationId").asText().isBlank());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertProblem(http().postJson("/api/v1/officers", "{\"badgeNumber\":"), 400);
    }

    @Test
    void unknownFieldIs400() throws Exception {
        var body = OfficerJson.registration(OfficerJson.aBadge()).replace("}", ",\"shoeSize\":\"44\"}");

        var response = http().postJson("/api/v1/officers", body);

        assertProblem(response, 400);
        assertEquals("shoeSize", body(response).get("violations").get(0).get("field").asText());
    }

    @Test
    void wrongTypeIs400() throws Exception {
        var body = OfficerJson.registration(OfficerJson.aBadge()).replace("\"Central\"", "42");

        var response = http().postJson("/api/v1/officers", body);

        assertProblem(response, 400);
        assertEquals("unit", body(response).get("violations").get(0).get("field").asText());
    }

    @Test
    void missingFieldIs400() throws Exception {
        var response = http().postJson("/api/v1/officers",
                "{\"badgeNumber\":\"" + OfficerJson.aBadge() + "\",\"firstName\":\"Ada\",\"lastName\":\"L\",\"rank\":\"SERGEANT\"}");

        assertProblem(response, 400);
        assertEquals("unit", body(response).get("violations").get(0).get("field").asText());
    }

    @Test
    void badBadgeNumberIs422WithTheViolation() throws Exception {
        var response = http().postJson("/api/v1/officers", OfficerJson.registration("b 1"));

        assertProblem(response, 422);
        assertEquals("badgeNumber", body(response).get("violations").get(0).get("field").asText());
    }

    @Test
    void unknownRankIs422() throws Exception {
        var response = http().postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge(), "GENERAL"));

        assertProblem(response, 422);
        assertEquals("rank", body(response).get("violations").get(0).get("field").asText());
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        var response = http().send(HttpRequest.newBuilder(URI.create(http().uri("/api/v1/officers")))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(OfficerJson.registration(OfficerJson.aBadge()))));

        assertProblem(response, 415);
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        var huge = OfficerJson.registration(OfficerJson.aBadge()).replace("Central", "C".repeat(70 * 1024));

        assertProblem(http().postJson("/api/v1/officers", huge), 413);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        var huge = OfficerJson.registration(OfficerJson.aBadge()).replace("Central", "C".repeat(70 * 1024)).getBytes();

        var response = http().send(HttpRequest.newBuilder(URI.create(http().uri("/api/v1/officers")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));

        assertProblem(response, 413);
    }

    @Test
    void invalidIdempotencyKeyIs400() throws Exception {
        var response = http().postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()),
                "Idempotency-Key", "x".repeat(129));

        assertProblem(response, 400);
    }

    @Test
    void unknownOfficerIs404() throws Exception {
        assertProblem(http().get("/api/v1/officers/" + OfficerJson.aBadge()), 404);
    }

    @Test
    void unknownCorrelationIdIs404EvenAfterWaiting() throws Exception {
        assertProblem(http().get("/api/v1/commands/" + UUID.randomUUID() + "?waitMs=200"), 404);
    }

    @Test
    void waitMsOutOfRangeIs400() throws Exception {
        assertProblem(http().get("/api/v1/commands/" + UUID.randomUUID() + "?waitMs=30001"), 400);
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() throws Exception {
        assertProblem(http().get("/api/v1/nowhere"), 404);
        assertProblem(http().get("/api/v1/incidents/" + UUID.randomUUID() + "/closure"), 405);
    }

    @Test
    void healthAndOpenApiNeedNoToken() throws Exception {
        assertEquals(200, http().get("/health/live").statusCode());
        var ready = http().get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        var openApi = body(http().get("/openapi.json"));
        assertTrue(openApi.get("openapi").asText().startsWith("3.1"));
        assertTrue(openApi.get("paths").has("/api/v1/officers"));
    }
}
