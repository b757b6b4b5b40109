package dev.precinct.codec.json;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Rejection;
import dev.precinct.core.command.Violation;
import dev.precinct.core.event.DeadLetter;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.log.RawRecord;
import dev.precinct.core.projection.ParkedAggregate;
import dev.precinct.core.projection.ParkedEvent;
import dev.precinct.core.projection.ProjectionStatus;
import dev.precinct.core.projection.RebuildProgress;
import dev.precinct.core.projection.Redrive;
import dev.precinct.police.Location;
import dev.precinct.police.Police;
import dev.precinct.police.observation.Observations;
import dev.precinct.police.observation.RecordObservation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact bytes of every answer the codec writes, so that a change to how it writes them cannot change the wire
 * (the OpenAPI and AsyncAPI documents, stored dead letters) unnoticed: absent fields stay absent, null ones null.
 */
class WireFormatTest {
    private static final Instant FAILED_AT = Instant.parse("2026-11-29T08:15:00.123456789Z");
    private static final Instant PARKED_AT = Instant.parse("2026-11-29T08:16:00Z");
    private static final CorrelationId CORRELATION = CorrelationId.parse("4bf92f35-77b3-4da6-a3ce-929d0e0e4736");

    private final JsonCodec codec = new JsonCodec(Police.catalog());

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static EventEnvelope anObservationRecorded() {
        var observation = new RecordObservation("0b3c8a52-6e0f-4a0e-9f7e-3f9a2c1d4e5f", "SIGHTING",
                "2026-11-29T08:15:00Z", new Location(51.5, -0.12, null), null, null, null, "seen \"twice\"");
        return new EventEnvelope(UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"), Observations.RECORD,
                observation, EventEnvelope.SOURCE_BL, Instant.parse("2026-11-29T08:14:59.5Z"), CORRELATION,
                new CommandId("k-1"), new Principal("sgt.jones"),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    private static ParkedAggregate aParkedAggregate() {
        var poison = new PoisonRecord(new EventPosition("precinct.observations", 1, 41),
                new RawRecord("agg-1", "{".getBytes(StandardCharsets.UTF_8), List.of(
                        new RawRecord.Header("ce_type", "ObservationRecorded".getBytes(StandardCharsets.UTF_8)),
                        new RawRecord.Header("ce_type", null))), "not JSON");
        var recorded = new RecordedEvent(anObservationRecorded(), new EventPosition("precinct.observations", 1, 42));
        return new ParkedAggregate("observations", "agg-1", List.of(
                new ParkedEvent("agg-1", poison, "not JSON", PARKED_AT),
                new ParkedEvent("agg-1", recorded, "behind a parked record", PARKED_AT.plusSeconds(1))));
    }

    private static ParkedAggregate aParkedAggregateWithoutAType() {
        var poison = new PoisonRecord(new EventPosition("precinct.observations", 0, 7),
                new RawRecord("agg-2", new byte[0], List.of()), "no type");
        return new ParkedAggregate("observations", "agg-2", List.of(new ParkedEvent("agg-2", poison, "no type",
                PARKED_AT)));
    }

    @Test
    void acceptances() {
        assertEquals("""
                {"status":"ACCEPTED","commandId":"k-1","correlationId":"4bf92f35-77b3-4da6-a3ce-929d0e0e4736",\
                "commandType":"RecordObservation","resource":"/api/v1/observations/o","event":\
                {"topic":"precinct.observations","partition":1,"offset":42}}""",
                text(codec.replies().encode(new Acceptance.Accepted(new CommandId("k-1"), CORRELATION,
                        "RecordObservation", "/api/v1/observations/o",
                        new EventPosition("precinct.observations", 1, 42)))));
        assertEquals("""
                {"status":"REJECTED","commandId":"k-1","correlationId":"4bf92f35-77b3-4da6-a3ce-929d0e0e4736",\
                "code":"VALIDATION_FAILED","reason":"bad","violations":[{"field":"kind","message":"must be one of"}]}\
                """,
                text(codec.replies().encode(new Acceptance.Rejected(new CommandId("k-1"), CORRELATION,
                        new Rejection(Acceptance.Code.VALIDATION_FAILED, "bad",
                                List.of(new Violation("kind", "must be one of")))))));
        assertEquals("""
                {"status":"FAILED","commandId":"k-1","correlationId":"4bf92f35-77b3-4da6-a3ce-929d0e0e4736",\
                "code":"PUBLISH_FAILED","reason":"down","retryable":false}""",
                text(codec.replies().encode(new Acceptance.Failed(new CommandId("k-1"), CORRELATION,
                        Acceptance.Code.PUBLISH_FAILED, "down", false))));
    }

    @Test
    void aStoredDeadLetter() {
        assertEquals("""
                {"error":"broker down","failedAt":"2026-11-29T08:15:00.123456789Z",\
                "event":{"id":"6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f","type":"RecordObservationRequested",\
                "source":"precinct/bl","time":"2026-11-29T08:14:59.500Z",\
                "subject":"0b3c8a52-6e0f-4a0e-9f7e-3f9a2c1d4e5f","topic":"precinct.observations",\
                "correlationId":"4bf92f35-77b3-4da6-a3ce-929d0e0e4736","commandId":"k-1","issuedBy":"sgt.jones",\
                "traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",\
                "data":{"observationId":"0b3c8a52-6e0f-4a0e-9f7e-3f9a2c1d4e5f","kind":"SIGHTING",\
                "observedAt":"2026-11-29T08:15:00Z","location":{"lat":51.5,"lon":-0.12},\
                "notes":"seen \\"twice\\""}}}""",
                text(codec.admin().encodeDeadLetter(
                        new DeadLetter(anObservationRecorded(), "broker down", FAILED_AT))));
    }

    @Test
    void theDeadLetterListing() {
        assertEquals("""
                {"items":[{"id":"event-b2JzZXJ2YXRpb25zCmFnZy0x","kind":"event","projection":"observations",\
                "aggregateId":"agg-1","topic":"precinct.observations","partition":1,"offset":41,\
                "eventType":"ObservationRecorded","reason":"not JSON","parkedAt":"2026-11-29T08:16:00Z",\
                "parkedCount":2,"parked":[{"topic":"precinct.observations","partition":1,"offset":41,\
                "reason":"not JSON","parkedAt":"2026-11-29T08:16:00Z"},{"topic":"precinct.observations",\
                "partition":1,"offset":42,"reason":"behind a parked record",\
                "parkedAt":"2026-11-29T08:16:01Z"}]},{"id":"event-b2JzZXJ2YXRpb25zCmFnZy0y","kind":"event",\
                "projection":"observations","aggregateId":"agg-2","topic":"precinct.observations","partition":0,\
                "offset":7,"reason":"no type","parkedAt":"2026-11-29T08:16:00Z","parkedCount":1,\
                "parked":[{"topic":"precinct.observations","partition":0,"offset":7,"reason":"no type",\
                "parkedAt":"2026-11-29T08:16:00Z"}]},{"id":"6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f","kind":"command",\
                "commandType":"RecordObservation","commandId":"k-1",\
                "correlationId":"4bf92f35-77b3-4da6-a3ce-929d0e0e4736",\
                "aggregateId":"0b3c8a52-6e0f-4a0e-9f7e-3f9a2c1d4e5f","issuedBy":"sgt.jones",\
                "topic":"precinct.observations","error":"broker down","failedAt":"2026-11-29T08:15:00.123456789Z",\
                "data":{"observationId":"0b3c8a52-6e0f-4a0e-9f7e-3f9a2c1d4e5f","kind":"SIGHTING",\
                "observedAt":"2026-11-29T08:15:00Z","location":{"lat":51.5,"lon":-0.12},\
                "notes":"seen \\"twice\\""}}]}""",
                text(codec.admin().encodeDeadLetterListing(
                List.of(new DeadLetter(anObservationRecorded(), "broker down", FAILED_AT)),
                List.of(aParkedAggregate(), aParkedAggregateWithoutAType()))));
        assertEquals("{\"items\":[]}", text(codec.admin().encodeDeadLetterListing(List.of())));
    }

    @Test
    void projections() {
        var rebuilding = new ProjectionStatus("officers", "precinct.officers", ProjectionStatus.State.REBUILDING,
                List.of(new ProjectionStatus.Partition(0, 10, 12, 2, 1), new ProjectionStatus.Partition(1, 5, 5, 0, 0)),
                new RebuildProgress("officers", RebuildProgress.Phase.REPLAYING, PARKED_AT, null, null,
                        List.of(new RebuildProgress.Partition(0, 1, 3), new RebuildProgress.Partition(1, 0, 0))));
        var failed = new ProjectionStatus("incidents", "precinct.incidents", ProjectionStatus.State.RUNNING,
                List.of(), new RebuildProgress("incidents", RebuildProgress.Phase.FAILED, PARKED_AT, FAILED_AT,
                        "boom", List.of()));
        var running = new ProjectionStatus("observations", "precinct.observations", ProjectionStatus.State.REMOTE,
                List.of(new ProjectionStatus.Partition(0, 3, 3, 0, 0)));

        assertEquals("""
                {"items":[{"name":"officers","topic":"precinct.officers","state":"rebuilding","lag":2,"parked":1,\
                "partitions":[{"partition":0,"checkpoint":10,"endOffset":12,"lag":2,"parked":1},{"partition":1,\
                "checkpoint":5,"endOffset":5,"lag":0,"parked":0}],"rebuild":{"phase":"replaying",\
                "startedAt":"2026-11-29T08:16:00Z","progress":0.333,"partitions":[{"partition":0,"checkpoint":1,\
                "endOffset":3},{"partition":1,"checkpoint":0,"endOffset":0}]}},{"name":"incidents",\
                "topic":"precinct.incidents","state":"running","lag":0,"parked":0,"partitions":[],\
                "rebuild":{"phase":"failed","startedAt":"2026-11-29T08:16:00Z",\
                "finishedAt":"2026-11-29T08:15:00.123456789Z","error":"boom","progress":1.0,\
                "partitions":[]}},{"name":"observations","topic":"precinct.observations","state":"remote","lag":0,\
                "parked":0,"partitions":[{"partition":0,"checkpoint":3,"endOffset":3,"lag":0,"parked":0}]}]}""",
                text(codec.admin().encodeProjections(List.of(rebuilding, failed, running))));
        assertEquals("""
                {"name":"observations","topic":"precinct.observations","state":"remote","lag":0,"parked":0,\
                "partitions":[{"partition":0,"checkpoint":3,"endOffset":3,"lag":0,"parked":0}]}""",
                text(codec.admin().encodeProjection(running)));
    }

    @Test
    void redrives() {
        assertEquals("""
                {"id":"event-x","kind":"event","projection":"observations","aggregateId":"agg-1","applied":2,\
                "skipped":1,"stillParked":0}""",
                text(codec.admin().encodeRedrive("event-x", new Redrive("observations", "agg-1", 2, 1, 0, null))));
        assertEquals("""
                {"id":"event-x","kind":"event","projection":"observations","aggregateId":"agg-1","applied":0,\
                "skipped":0,"stillParked":3,"reason":"still broken"}""",
                text(codec.admin().encodeRedrive("event-x", new Redrive("observations", "agg-1", 0, 0, 3,
                        "still broken"))));
    }

    @Test
    void aCommand() {
        assertEquals("""
                {"observationId":"0b3c8a52-6e0f-4a0e-9f7e-3f9a2c1d4e5f","kind":"SIGHTING",\
                "observedAt":"2026-11-29T08:15:00Z","location":{"lat":51.5,"lon":-0.12},"notes":"seen \\"twice\\""}""",
                text(codec.commands().encode(anObservationRecorded().data())));
    }
}
