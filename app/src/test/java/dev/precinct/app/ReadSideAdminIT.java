package dev.precinct.app;

import dev.precinct.police.PoliceRoles;
import dev.precinct.police.Police;
import com.fasterxml.jackson.databind.JsonNode;
import dev.precinct.adapters.kafka.KafkaEventCodec;
import dev.precinct.adapters.kafka.KafkaEventPublisher;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.Role;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator handles an event dead letter through HTTP: a record of bad JSON on {@code precinct.officers} parks
 * its officer, whose registration waits behind it; {@code GET /admin/dead-letters} lists it as kind {@code event},
 * a re-drive keeps it parked (nothing was fixed), a skip lets the registration apply. Only role {@code admin} may.
 */
class ReadSideAdminIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void anOperatorListsReDrivesAndSkipsAParkedAggregate() throws Exception {
        try (var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all"))) {
            var admin = new Http(precinct.httpPort(), TestTokens.token("ops", List.of(Role.ADMIN)));
            var dispatcher = new Http(precinct.httpPort(), TestTokens.token("d", List.of(PoliceRoles.DISPATCHER)));
            var anonymous = new Http(precinct.httpPort(), null);
            var badge = OfficerFixtures.aUniqueBadge();
            publishBadJson(badge);
            var client = new Http(precinct.httpPort());
            var accepted = client.postJson("/api/v1/officers", OfficerJson.registration(badge));
            assertEquals(202, accepted.statusCode(), accepted.body());
            var correlationId = body(accepted).get("correlationId").asText();

            var parked = awaitParked(admin, badge, 2);

            assertEquals("event", parked.get("kind").asText());
            assertEquals("officers", parked.get("projection").asText());
            assertEquals("precinct.officers", parked.get("topic").asText());
            assertEquals("RegisterOfficerRequested", parked.get("eventType").asText());
            assertTrue(parked.get("reason").asText().contains("not valid JSON"), parked.toString());
            assertEquals(2, parked.get("parked").size());
            var id = parked.get("id").asText();
            assertEquals(404, client.get("/api/v1/commands/" + correlationId).statusCode(), "not decided while parked");

            assertEquals(401, anonymous.get("/admin/dead-letters").statusCode());
            assertEquals(403, dispatcher.get("/admin/dead-letters").statusCode());
            assertEquals(403, dispatcher.postJson("/admin/dead-letters/" + id + "/skip", "").statusCode());

            var redrive = admin.postJson("/admin/dead-letters/" + id + "/redrive", "");
            assertEquals(200, redrive.statusCode(), redrive.body());
            assertEquals(2, body(redrive).get("stillParked").asInt());
            assertTrue(body(redrive).get("reason").asText().contains("not valid JSON"));

            var skip = admin.postJson("/admin/dead-letters/" + id + "/skip", "");
            assertEquals(200, skip.statusCode(), skip.body());
            assertEquals(1, body(skip).get("skipped").asInt());
            assertEquals(1, body(skip).get("applied").asInt());
            assertEquals(0, body(skip).get("stillParked").asInt());

            var status = client.get("/api/v1/commands/" + correlationId + "?waitMs=15000");
            assertEquals(200, status.statusCode(), status.body());
            assertEquals("APPLIED", body(status).get("status").asText());
            assertEquals(200, client.get("/api/v1/officers/" + badge).statusCode());
            assertTrue(find(admin, badge).isEmpty(), "no longer listed");
            assertEquals(404, admin.postJson("/admin/dead-letters/" + id + "/skip", "").statusCode());
            assertEquals(404, admin.postJson("/admin/dead-letters/event-bm9uZQ/redrive", "").statusCode());
        }
    }

    @Test
    void anOperatorSeesWhereTheProjectionsStandAndPausesAndResumesOne() throws Exception {
        try (var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all"))) {
            var admin = new Http(precinct.httpPort(), TestTokens.token("ops", List.of(Role.ADMIN)));
            var client = new Http(precinct.httpPort());

            var listing = admin.get("/admin/projections");

            assertEquals(200, listing.statusCode(), listing.body());
            var names = new ArrayList<String>();
            for (var item : body(listing).get("items")) {
                names.add(item.get("name").asText());
                assertEquals("running", item.get("state").asText());
                assertTrue(item.get("partitions").size() >= 1, item.toString());
                var partition = item.get("partitions").get(0);
                assertEquals(partition.get("endOffset").asLong() - partition.get("checkpoint").asLong(),
                        partition.get("lag").asLong());
            }
            assertEquals(List.of("officers", "incidents", "observations"), names);
            assertEquals(401, new Http(precinct.httpPort(), null).get("/admin/projections").statusCode());
            var dispatcher = new Http(precinct.httpPort(), TestTokens.token("d", List.of(PoliceRoles.DISPATCHER)));
            assertEquals(403, dispatcher.postJson("/admin/projections/officers/pause", "").statusCode());

            var paused = admin.postJson("/admin/projections/officers/pause", "");
            assertEquals(200, paused.statusCode(), paused.body());
            assertEquals("paused", body(paused).get("state").asText());
            var accepted = client.postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()));
            assertEquals(202, accepted.statusCode(), accepted.body());
            var correlationId = body(accepted).get("correlationId").asText();
            assertEquals(404, client.get("/api/v1/commands/" + correlationId + "?waitMs=1500").statusCode(),
                    "a paused projection decides nothing");
            var officers = body(admin.get("/admin/projections")).get("items").get(0);
            assertEquals("paused", officers.get("state").asText());
            assertTrue(officers.get("lag").asLong() >= 1, officers.toString());

            var resumed = admin.postJson("/admin/projections/officers/resume", "");
            assertEquals(200, resumed.statusCode(), resumed.body());
            assertEquals("running", body(resumed).get("state").asText());
            var status = client.get("/api/v1/commands/" + correlationId + "?waitMs=20000");
            assertEquals(200, status.statusCode(), status.body());
            assertEquals("APPLIED", body(status).get("status").asText());
            assertEquals(404, admin.postJson("/admin/projections/nonsense/pause", "").statusCode());
        }
    }

    @Test
    void anEdgeWithoutProjectorsReleasesParkedAggregatesThroughTheSharedStoresButCannotPause() throws Exception {
        var database = TestServices.freshDatabase();
        try (var edge = Precinct.start(RealServices.settings(database, "edge"));
             var projector = Precinct.start(RealServices.settings(database, "projector"))) {
            var admin = new Http(edge.httpPort(), TestTokens.token("ops", List.of(Role.ADMIN)));
            var badge = OfficerFixtures.aUniqueBadge();
            publishBadJson(badge);
            publish(OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(badge)));

            var parked = awaitParked(admin, badge, 2);
            var skip = admin.postJson("/admin/dead-letters/" + parked.get("id").asText() + "/skip", "");

            assertEquals(200, skip.statusCode(), skip.body());
            assertEquals(1, body(skip).get("applied").asInt());
            assertEquals(200, new Http(edge.httpPort()).get("/api/v1/officers/" + badge).statusCode());
            var officers = body(admin.get("/admin/projections")).get("items").get(0);
            assertEquals("remote", officers.get("state").asText());
            assertEquals(409, admin.postJson("/admin/projections/officers/pause", "").statusCode());
        }
    }

    static void publish(EventEnvelope event) throws Exception {
        var record = new KafkaEventCodec(new JsonCodec(Police.catalog()), Police.catalog()).toRecord(event);
        try (var producer = new KafkaProducer<String, byte[]>(
                KafkaEventPublisher.producerConfig(TestServices.kafkaBootstrap(), Duration.ofSeconds(10)))) {
            producer.send(record).get();
        }
    }

    /** A RegisterOfficerRequested record of {@code badge} whose value is cut short. */
    static void publishBadJson(String badge) throws Exception {
        var codec = new KafkaEventCodec(new JsonCodec(Police.catalog()), Police.catalog());
        var record = codec.toRecord(OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(badge)));
        try (var producer = new KafkaProducer<String, byte[]>(
                KafkaEventPublisher.producerConfig(TestServices.kafkaBootstrap(), Duration.ofSeconds(10)))) {
            producer.send(new ProducerRecord<>(record.topic(), null, record.key(),
                    "{\"badgeNumber\":".getBytes(StandardCharsets.UTF_8), record.headers())).get();
        }
    }

    private static JsonNode awaitParked(Http admin, String badge, int count) throws Exception {
        var deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            var found = find(admin, badge);
            if (found.isPresent() && found.get().get("parkedCount").asInt() == count) return found.get();
            if (System.nanoTime() > deadline)
                throw new AssertionError("officer " + badge + " not parked with " + count + " records: " + found);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private static Optional<JsonNode> find(Http admin, String badge) throws Exception {
        var listing = admin.get("/admin/dead-letters");
        assertEquals(200, listing.statusCode(), listing.body());
        for (var item : body(listing).get("items"))
            if (item.get("kind").asText().equals("event") && item.get("aggregateId").asText().equals(badge))
                return Optional.of(item);
        return Optional.empty();
    }
}
