package dev.precinct.examples.custody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.adapters.kafka.KafkaEventCodec;
import dev.precinct.adapters.kafka.KafkaEventPublisher;
import dev.precinct.adapters.rest.JwtTokens;
import dev.precinct.app.Precinct;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Role;
import dev.precinct.core.command.TraceContext;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.projection.CommandStatus;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The custody domain on real NATS, Kafka and PostgreSQL: over HTTP as a client would use it, with its chain of
 * custody in the app's own table through the JDBC handler, and a log that holds both versions of TransferCustody.
 */
class CustodyRealIT {
    private static final String SECRET = "custody-example-hs256-secret-of-32-bytes-or-more";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String database;
    private static Precinct precinct;

    @BeforeAll
    static void start() throws Exception {
        database = TestServices.freshDatabase();
        precinct = Precinct.builder()
                .domain(Custody.domain())
                .nats(TestServices.natsUrl())
                .kafka(TestServices.kafkaBootstrap())
                .postgres(database, TestServices.jdbcUser(), TestServices.jdbcPassword())
                .http(0)
                .tokenSecret(SECRET)
                .start();
    }

    @AfterAll
    static void stop() {
        if (precinct != null) precinct.close();
    }

    @Test
    void anItemChangesHandsOverHttpAndItsChainIsInTheAppsOwnTable() throws Exception {
        var logged = post("alice", "/api/v1/evidence", "{\"description\":\"a knife, bagged\"}");
        assertEquals(202, logged.statusCode(), logged.body());
        var itemId = json(logged).get("resource").asText().substring("/api/v1/evidence/".length());
        assertEquals("APPLIED", status(logged));

        var handedOver = post("alice", "/api/v1/evidence/" + itemId + "/transfers", "{\"to\":\"bob\"}");
        var notHers = post("carol", "/api/v1/evidence/" + itemId + "/transfers", "{\"to\":\"carol\"}");

        assertEquals(202, handedOver.statusCode(), handedOver.body());
        assertEquals("APPLIED", status(handedOver));
        assertEquals(409, notHers.statusCode(), notHers.body());
        assertEquals("bob", json(get("audit", "/api/v1/evidence/" + itemId)).get("custodian").asText());
        var chain = json(get("audit", "/api/v1/custody-history/" + itemId)).get("chain");
        assertEquals(List.of("alice", "bob"), custodians(chain));
        assertEquals(List.of("alice", "bob"), handoversInTheAppsTable(itemId));
        var bobs = json(get("audit", "/api/v1/evidence?custodian=bob")).get("items");
        assertTrue(bobs.findValuesAsText("itemId").contains(itemId), bobs.toString());
    }

    @Test
    void aLogHoldingBothVersionsOfTransferCustodyGivesTheSameReadModels() throws Exception {
        var catalog = Catalog.of(Custody.domain());
        var records = new KafkaEventCodec(new JsonCodec(catalog), catalog);
        var oldItem = UUID.randomUUID().toString();
        var newItem = UUID.randomUUID().toString();
        var decisions = new ArrayList<CorrelationId>();
        var config = KafkaEventPublisher.producerConfig(TestServices.kafkaBootstrap(), Duration.ofSeconds(30));
        try (var producer = new KafkaProducer<String, byte[]>(config)) {
            for (var item : List.of(oldItem, newItem)) {
                var log = event(Custody.LOG, new LogEvidence(item, "a wallet"));
                producer.send(records.toRecord(log)).get();
                var transfer = records.toRecord(event(Custody.TRANSFER, new TransferCustody(item, "bob")));
                // the old item's handover as version 1 wrote it: the new custodian was the "recipient"
                producer.send(item.equals(oldItem) ? asVersionOne(transfer) : transfer).get();
                decisions.add(log.correlationId());
                decisions.add(CorrelationId.parse(new String(transfer.headers().lastHeader("ce_correlationid").value(),
                        StandardCharsets.UTF_8)));
            }
        }

        for (var correlationId : decisions)
            assertEquals(CommandStatus.APPLIED, precinct.commandStatus(correlationId, Duration.ofSeconds(30)).get()
                    .map(CommandStatusView::status).orElse(null), correlationId.toString());

        var old = json(get("audit", "/api/v1/evidence/" + oldItem));
        var current = json(get("audit", "/api/v1/evidence/" + newItem));
        for (var field : List.of("description", "custodian", "handovers"))
            assertEquals(current.get(field), old.get(field), field);
        assertEquals(custodians(json(get("audit", "/api/v1/custody-history/" + newItem)).get("chain")),
                custodians(json(get("audit", "/api/v1/custody-history/" + oldItem)).get("chain")));
        assertEquals(List.of("alice", "bob"), handoversInTheAppsTable(oldItem));
    }

    private static <C extends dev.precinct.core.command.Command> EventEnvelope event(
            dev.precinct.core.command.CommandType<C> type, C data) {
        return EventEnvelope.of(new CommandEnvelope(type, data, CommandId.random(), CorrelationId.random(),
                new Principal("alice"), TraceContext.continueOrStart(null)), EventEnvelope.SOURCE_BL, Instant.now());
    }

    private static ProducerRecord<String, byte[]> asVersionOne(ProducerRecord<String, byte[]> record) {
        var headers = new RecordHeaders(record.headers().toArray());
        headers.remove("ce_schemaversion");
        headers.add("ce_schemaversion", "1".getBytes(StandardCharsets.UTF_8));
        var value = new String(record.value(), StandardCharsets.UTF_8).replace("\"to\":", "\"recipient\":");
        return new ProducerRecord<>(record.topic(), null, record.key(), value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static List<String> handoversInTheAppsTable(String itemId) throws Exception {
        var properties = new Properties();
        properties.setProperty("user", TestServices.jdbcUser());
        properties.setProperty("password", TestServices.jdbcPassword());
        try (var connection = DriverManager.getConnection(database, properties);
             var select = connection.prepareStatement(
                     "SELECT custodian FROM custody_handovers WHERE item_id = ? ORDER BY seq")) {
            select.setString(1, itemId);
            var custodians = new ArrayList<String>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) custodians.add(rows.getString(1));
            }
            return custodians;
        }
    }

    private static List<String> custodians(JsonNode chain) {
        var custodians = new ArrayList<String>();
        chain.forEach(custody -> custodians.add(custody.get("custodian").asText()));
        return custodians;
    }

    private static String status(HttpResponse<String> accepted) throws Exception {
        var location = accepted.headers().firstValue("Location").orElseThrow();
        return json(get("audit", location + "?waitMs=10000")).get("status").asText();
    }

    private static HttpResponse<String> post(String officer, String path, String body) throws Exception {
        return HTTP.send(request(officer, Custody.EVIDENCE_OFFICER, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String reader, String path) throws Exception {
        var response = HTTP.send(request(reader, Custody.AUDITOR, path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response;
    }

    private static HttpRequest.Builder request(String subject, Role role, String path) {
        var token = JwtTokens.hs256(SECRET.getBytes(StandardCharsets.UTF_8), subject, List.of(role), Instant.now(),
                Duration.ofMinutes(10), null, null);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + precinct.httpPort() + path))
                .header("Authorization", "Bearer " + token);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
