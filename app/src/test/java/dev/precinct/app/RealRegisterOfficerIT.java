package dev.precinct.app;

import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract against real NATS, Kafka and PostgreSQL, plus what only the real mode has: the event as a foreign
 * Kafka client sees it, nothing published for a 4xx, 503 without a business-logic service, and a restart that
 * keeps read models and idempotency.
 */
class RealRegisterOfficerIT extends RegisterOfficerContract {
    private static final String TOPIC = "precinct.officers";
    private static String database;
    private static Precinct precinct;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        database = TestServices.freshDatabase();
        precinct = Precinct.start(RealServices.settings(database, "all"));
        http = new Http(precinct.httpPort());
    }

    @AfterAll
    static void stop() {
        if (precinct != null) precinct.close();
    }

    @Override
    Http http() {
        return http;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void theEventIsOnKafkaWithTheCloudEventsHeadersAndTheSameCorrelationId() throws Exception {
        var badge = OfficerJson.aBadge();
        var traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        var response = http.postJson("/api/v1/officers", OfficerJson.registration(badge), "traceparent", traceparent);

        assertEquals(202, response.statusCode(), response.body());
        var accepted = body(response);
        var position = accepted.get("event");
        var partition = new TopicPartition(TOPIC, position.get("partition").asInt());
        var records = RealServices.records(TOPIC, Map.of(partition, position.get("offset").asLong()),
                record -> record.offset() == position.get("offset").asLong());
        assertEquals(1, records.size());
        var record = records.getFirst();
        assertEquals(badge, record.key());
        assertEquals("1.0", header(record, "ce_specversion"));
        UUID.fromString(header(record, "ce_id"));
        assertEquals("precinct/bl", header(record, "ce_source"));
        assertEquals("RegisterOfficerRequested", header(record, "ce_type"));
        assertEquals(badge, header(record, "ce_subject"));
        Instant.parse(header(record, "ce_time"));
        assertEquals(accepted.get("correlationId").asText(), header(record, "ce_correlationid"));
        assertEquals(accepted.get("commandId").asText(), header(record, "ce_commandid"));
        assertEquals("test-user", header(record, "ce_issuedby"));
        assertEquals("application/json", header(record, "content-type"));
        assertEquals(traceparent, header(record, "traceparent"));
        var value = JSON.readTree(record.value());
        assertEquals(JSON.readTree(OfficerJson.registration(badge)), value);
    }

    @Test
    void aRepeatedIdempotencyKeyPublishesExactlyOnce() throws Exception {
        var badge = OfficerJson.aBadge();
        var key = "once-" + UUID.randomUUID();
        var before = RealServices.endOffsets(TOPIC);

        for (int i = 0; i < 3; i++)
            assertEquals(202, http.postJson("/api/v1/officers", OfficerJson.registration(badge), "Idempotency-Key", key)
                    .statusCode());

        var published = RealServices.records(TOPIC, before, record -> key.equals(header(record, "ce_commandid")));
        assertEquals(1, published.size());
    }

    @Test
    void rejectedRequestsPublishNothing() throws Exception {
        var badge = OfficerJson.aBadge();
        var before = RealServices.endOffsets(TOPIC);

        assertEquals(400, http.postJson("/api/v1/officers", "{not json").statusCode());
        assertEquals(400, http.postJson("/api/v1/officers",
                OfficerJson.registration(badge).replace("}", ",\"extra\":\"x\"}")).statusCode());
        assertEquals(400, http.postJson("/api/v1/officers",
                OfficerJson.registration(badge).replace("\"Central\"", "7")).statusCode());
        assertEquals(400, http.postJson("/api/v1/officers", "{\"badgeNumber\":\"" + badge + "\"}").statusCode());
        assertEquals(422, http.postJson("/api/v1/officers", OfficerJson.registration("bad badge")).statusCode());
        assertEquals(413, http.postJson("/api/v1/officers",
                OfficerJson.registration(badge).replace("Central", "C".repeat(70_000))).statusCode());

        assertEquals(before, RealServices.endOffsets(TOPIC));
    }

    @Test
    void anEdgeWithoutABusinessLogicServiceAnswers503WithRetryAfter() throws Exception {
        // stop this class's business-logic service, so nothing answers on the queue group
        precinct.close();
        precinct = null;
        try (var edge = Precinct.start(RealServices.settings(database, "edge"))) {
            var response = new Http(edge.httpPort()).postJson("/api/v1/officers",
                    OfficerJson.registration(OfficerJson.aBadge()));

            assertProblem(response, 503);
            assertTrue(response.headers().firstValue("Retry-After").isPresent());
        } finally {
            precinct = Precinct.start(RealServices.settings(database, "all"));
            http = new Http(precinct.httpPort());
        }
    }

    @Test
    void aRestartKeepsReadModelsAndIdempotency() throws Exception {
        var badge = OfficerJson.aBadge();
        var key = "restart-" + UUID.randomUUID();
        var first = http.postJson("/api/v1/officers", OfficerJson.registration(badge), "Idempotency-Key", key);
        http.get("/api/v1/commands/" + body(first).get("correlationId").asText() + "?waitMs=10000");
        var before = RealServices.endOffsets(TOPIC);

        precinct.close();
        precinct = Precinct.start(RealServices.settings(database, "all"));
        http = new Http(precinct.httpPort());
        var officer = http.get("/api/v1/officers/" + badge);
        var repeat = http.postJson("/api/v1/officers", OfficerJson.registration(badge), "Idempotency-Key", key);

        assertEquals(200, officer.statusCode(), officer.body());
        assertEquals(202, repeat.statusCode(), repeat.body());
        assertEquals(body(first), body(repeat));
        assertEquals(before, RealServices.endOffsets(TOPIC));
    }
}
