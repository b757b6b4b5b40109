package dev.precinct.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.core.testing.TestServices;
import io.nats.client.Message;
import io.nats.client.Nats;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.precinct.app.RegisterOfficerContract.JSON;
import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The optional fan-out ({@code PRECINCT_FANOUT_NATS=true}): a plain NATS subscriber on {@code precinct.events.>}
 * hears every event the projections applied, on {@code precinct.events.<ce_type>}, with the value and the
 * CloudEvents headers of its Kafka record; an event the projection rejected is not republished.
 */
class EventFanOutIT {
    private static final List<String> CLOUD_EVENT_HEADERS = List.of("ce_specversion", "ce_id", "ce_source", "ce_type",
            "ce_subject", "ce_time", "ce_correlationid", "ce_commandid", "ce_issuedby", "content-type", "traceparent",
            "ce_schemaversion");

    @Test
    void appliedEventsAreRepublishedOnNatsWithTheirKafkaHeadersAndARejectedOneIsNot() throws Exception {
        try (var subscriber = Nats.connect(TestServices.natsUrl());
             var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all",
                     "--fanout.nats=true"))) {
            var subscription = subscriber.subscribe("precinct.events.>");
            subscriber.flush(Duration.ofSeconds(5));
            var http = new Http(precinct.httpPort());
            var badge = OfficerJson.aBadge();

            var registered = accepted(http, "/api/v1/officers", OfficerJson.registration(badge));
            var read = http.get("/api/v1/officers/" + badge + "?afterCommand="
                    + registered.get("correlationId").asText() + "&waitMs=20000");
            assertEquals("APPLIED", read.headers().firstValue("Precinct-Command-Status").orElse(null), read.body());
            // a second registration of the badge, straight to Kafka past the business logic: the projection rejects it
            ReadSideAdminIT.publish(OfficerFixtures.aRegisterOfficerRequested(OfficerFixtures.aRegisterOfficer(badge)));
            var onDuty = accepted(http, "/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}");
            var last = onDuty.get("correlationId").asText();

            // the badge's events share a partition, so the rejected one would have come before the last one
            var heard = new ArrayList<Message>();
            var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (heard.isEmpty() || !last.equals(header(heard.getLast(), "ce_correlationid"))) {
                if (System.nanoTime() > deadline) throw new AssertionError("heard only " + heard.size() + " events of " + badge);
                var message = subscription.nextMessage(Duration.ofSeconds(1));
                if (message != null && badge.equals(header(message, "ce_subject"))) heard.add(message);
            }

            assertEquals(2, heard.size());
            var registration = heard.getFirst();
            assertEquals("precinct.events.RegisterOfficerRequested", registration.getSubject());
            var record = kafkaRecordOf(registered);
            for (var name : CLOUD_EVENT_HEADERS)
                assertEquals(kafkaHeader(record, name), header(registration, name), name);
            assertEquals(JSON.readTree(record.value()), JSON.readTree(registration.getData()));
            var dutyChange = heard.getLast();
            assertEquals("precinct.events.ChangeOfficerDutyStatusRequested", dutyChange.getSubject());
            assertEquals("ChangeOfficerDutyStatusRequested", header(dutyChange, "ce_type"));
            assertEquals(onDuty.get("commandId").asText(), header(dutyChange, "ce_commandid"));
            assertEquals("ON_DUTY", JSON.readTree(dutyChange.getData()).get("dutyStatus").asText());
        }
    }

    private static JsonNode accepted(Http http, String path, String json) throws Exception {
        var response = http.postJson(path, json);
        assertEquals(202, response.statusCode(), response.body());
        return body(response);
    }

    private static ConsumerRecord<String, byte[]> kafkaRecordOf(JsonNode accepted) {
        var event = accepted.get("event");
        var partition = new TopicPartition(event.get("topic").asText(), event.get("partition").asInt());
        var offset = event.get("offset").asLong();
        var records = RealServices.records(partition.topic(), Map.of(partition, offset), r -> r.offset() == offset);
        assertEquals(1, records.size());
        return records.getFirst();
    }

    private static String header(Message message, String name) {
        return message.getHeaders() == null ? null : message.getHeaders().getFirst(name);
    }

    private static String kafkaHeader(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
