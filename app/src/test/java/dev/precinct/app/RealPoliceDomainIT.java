package dev.precinct.app;

import dev.precinct.core.testing.Eventually;
import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.precinct.app.RegisterOfficerContract.JSON;
import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The police domain on real NATS, Kafka and PostgreSQL, plus what only the real mode shows: each command's event
 * on its topic with its CloudEvents headers, and paging while other clients write.
 */
class RealPoliceDomainIT extends PoliceDomainContract {
    private static Precinct precinct;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all"));
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

    /** The event the 202 of {@code path} names, read back by a plain Kafka consumer. */
    private ConsumerRecord<String, byte[]> eventOf(String path, String json) throws Exception {
        var response = http.postJson(path, json);
        assertEquals(202, response.statusCode(), response.body());
        var accepted = body(response);
        var position = accepted.get("event");
        var partition = new TopicPartition(position.get("topic").asText(), position.get("partition").asInt());
        var offset = position.get("offset").asLong();
        var records = RealServices.records(partition.topic(), Map.of(partition, offset), r -> r.offset() == offset);
        assertEquals(1, records.size());
        var record = records.getFirst();
        assertEquals(accepted.get("correlationId").asText(), header(record, "ce_correlationid"));
        assertEquals(accepted.get("commandId").asText(), header(record, "ce_commandid"));
        assertEquals(record.key(), header(record, "ce_subject"));
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals("application/json", header(record, "content-type"));
        return record;
    }

    @Test
    void everyCommandLandsOnItsTopicKeyedByItsAggregateWithItsType() throws Exception {
        var badge = anOnDutyOfficer();
        var incident = anIncident();

        var duty = eventOf("/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"OFF_DUTY\"}");
        var report = eventOf("/api/v1/incidents", DomainJson.incident());
        var close = eventOf("/api/v1/incidents/" + incident + "/closure", "{\"resolution\":\"REFERRED\"}");
        var observation = eventOf("/api/v1/observations", DomainJson.plateRead(badge, "AB12CDE"));

        assertEquals("precinct.officers", duty.topic());
        assertEquals(badge, duty.key());
        assertEquals("ChangeOfficerDutyStatusRequested", header(duty, "ce_type"));
        assertEquals(badge, JSON.readTree(duty.value()).get("badgeNumber").asText());
        assertEquals("precinct.incidents", report.topic());
        assertEquals("ReportIncidentRequested", header(report, "ce_type"));
        assertEquals(report.key(), JSON.readTree(report.value()).get("incidentId").asText());
        assertEquals("CloseIncidentRequested", header(close, "ce_type"));
        assertEquals(incident, close.key());
        assertEquals("precinct.observations", observation.topic());
        assertEquals("RecordObservationRequested", header(observation, "ce_type"));
        assertEquals("precinct/edge", header(observation, "ce_source"));
        assertEquals("precinct/bl", header(report, "ce_source"));
        assertEquals(observation.key(), JSON.readTree(observation.value()).get("observationId").asText());
    }

    @Test
    void pagesStayStableWhileOthersRegisterOfficers() throws Exception {
        var unit = "Paging-" + UUID.randomUUID();
        int existing = 12;
        int pageSize = 3;
        var before = new HashSet<String>();
        for (int i = 0; i < existing; i++) {
            var badge = OfficerJson.aBadge();
            before.add(badge);
            decided("/api/v1/officers", OfficerJson.registration(badge).replace("Central", unit));
        }
        var writing = new AtomicBoolean(true);
        Set<String> writtenMeanwhile = ConcurrentHashMap.newKeySet();
        var seen = new ArrayList<String>();
        int pages = 0;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writer = executor.submit(() -> {
                while (writing.get()) {
                    var badge = OfficerJson.aBadge();
                    decided("/api/v1/officers", OfficerJson.registration(badge).replace("Central", unit));
                    writtenMeanwhile.add(badge);
                }
                return null; // a Callable, so the writer's failure reaches Future.get
            });
            String cursor = null;
            do {
                if (pages > 0) {
                    // one more officer registered before each further page: the pages are read while others write
                    int wanted = pages;
                    Eventually.await("the writer registers officer " + wanted, Duration.ofSeconds(30),
                            () -> writtenMeanwhile.size() >= wanted || writer.isDone());
                    if (writer.isDone()) writer.get();
                }
                var page = get("/api/v1/officers?unit=" + unit + "&limit=" + pageSize
                        + (cursor == null ? "" : "&cursor=" + cursor));
                page.get("items").forEach(officer -> seen.add(officer.get("badgeNumber").asText()));
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
                pages++;
            } while (cursor != null);
            writing.set(false);
            writer.get(60, TimeUnit.SECONDS);
        }

        int writesWhilePaging = existing / pageSize - 1;
        assertTrue(writtenMeanwhile.size() >= writesWhilePaging, "the writer registered " + writtenMeanwhile.size()
                + " officers while " + pages + " pages were read; expected at least " + writesWhilePaging);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no officer is repeated across pages: " + seen);
        assertTrue(seen.containsAll(before), "every officer that existed before paging is on a page");
        var all = new HashSet<>(before);
        all.addAll(writtenMeanwhile);
        assertTrue(all.containsAll(seen));
    }
}
