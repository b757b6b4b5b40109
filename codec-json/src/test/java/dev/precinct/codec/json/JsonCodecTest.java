package dev.precinct.codec.json;

import dev.precinct.police.Police;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Field;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.DeadLetter;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.projection.ProjectionStatus;
import dev.precinct.core.projection.RebuildProgress;
import dev.precinct.core.projection.Redrive;
import dev.precinct.core.command.Principal;
import dev.precinct.core.log.EventPosition;
import dev.precinct.police.Location;
import dev.precinct.core.command.Rejection;
import dev.precinct.core.command.Violation;
import dev.precinct.police.observation.Observations;
import dev.precinct.police.observation.RecordObservation;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.police.officer.Officers;
import dev.precinct.police.officer.RegisterOfficer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON wire format by part: command bodies and event data, replies, and the operator's dead letters and views. */
class JsonCodecTest {
    private final JsonCodec codec = new JsonCodec(Police.catalog());

    private DecodedCommand decode(String json) {
        return codec.commands().decode(Officers.REGISTER, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static List<String> fields(DecodedCommand decoded) {
        return assertInstanceOf(DecodedCommand.Malformed.class, decoded).violations().stream()
                .map(Violation::field).toList();
    }

    @Test
    void aCommandRoundTrips() {
        var command = OfficerFixtures.aRegisterOfficer();

        var decoded = codec.commands().decode(Officers.REGISTER, codec.commands().encode(command), Map.of());

        assertEquals(command, assertInstanceOf(DecodedCommand.Valid.class, decoded).data());
    }

    @Test
    void shapeErrorsNameTheirFields() {
        assertEquals(List.of("unit", "extra"), fields(decode(
                "{\"badgeNumber\":\"B-1\",\"firstName\":\"A\",\"lastName\":\"B\",\"rank\":\"SERGEANT\",\"extra\":1}")));
        assertEquals(List.of("firstName"), fields(decode(
                "{\"badgeNumber\":\"B-1\",\"firstName\":7,\"lastName\":\"B\",\"rank\":\"SERGEANT\",\"unit\":\"U\"}")));
    }

    @Test
    void notJsonNotAnObjectDuplicateKeysAndTrailingTokensAreMalformed() {
        assertInstanceOf(DecodedCommand.Malformed.class, decode("{\"badgeNumber\":"));
        assertInstanceOf(DecodedCommand.Malformed.class, decode("[1,2]"));
        assertInstanceOf(DecodedCommand.Malformed.class, decode(""));
        assertInstanceOf(DecodedCommand.Malformed.class, decode(
                "{\"badgeNumber\":\"B-1\",\"badgeNumber\":\"B-2\",\"firstName\":\"A\",\"lastName\":\"B\",\"rank\":\"SERGEANT\",\"unit\":\"U\"}"));
        assertInstanceOf(DecodedCommand.Malformed.class, decode(
                "{\"badgeNumber\":\"B-1\",\"firstName\":\"A\",\"lastName\":\"B\",\"rank\":\"SERGEANT\",\"unit\":\"U\"} {}"));
    }

    @Test
    void pathFieldsFillTheBodyAndMustAgreeWithIt() {
        var body = "{\"firstName\":\"A\",\"lastName\":\"B\",\"rank\":\"SERGEANT\",\"unit\":\"U\"}";

        var filled = codec.commands().decode(Officers.REGISTER, body.getBytes(), Map.of("badgeNumber", "B-1"));
        var contradicted = codec.commands().decode(Officers.REGISTER,
                body.replace("{", "{\"badgeNumber\":\"B-2\",").getBytes(), Map.of("badgeNumber", "B-1"));

        assertEquals("B-1", ((RegisterOfficer) assertInstanceOf(DecodedCommand.Valid.class, filled).data()).badgeNumber());
        assertEquals(List.of("badgeNumber"), fields(contradicted));
    }

    @Test
    void everyAcceptanceRoundTripsThroughAReply() {
        var commandId = new CommandId("k");
        var correlationId = CorrelationId.random();
        List<Acceptance> acceptances = List.of(
                new Acceptance.Accepted(commandId, correlationId, "RegisterOfficer", "/api/v1/officers/B-1",
                        new EventPosition("precinct.officers", 2, 1187)),
                new Acceptance.Rejected(commandId, correlationId,
                        Rejection.invalid(List.of(new Violation("rank", "must be one of …")))),
                new Acceptance.Failed(commandId, correlationId, Acceptance.Code.PUBLISH_FAILED, "down", true));

        for (var acceptance : acceptances)
            assertEquals(acceptance, codec.replies().decode(codec.replies().encode(acceptance)));
    }

    @Test
    void theAcceptedReplyIsThe202BodyOfTheContract() throws Exception {
        var accepted = new Acceptance.Accepted(new CommandId("k"), CorrelationId.random(), "RegisterOfficer",
                "/api/v1/officers/B-1042", new EventPosition("precinct.officers", 2, 1187));

        var json = new String(codec.replies().encode(accepted), StandardCharsets.UTF_8);

        assertEquals("{\"status\":\"ACCEPTED\",\"commandId\":\"k\",\"correlationId\":\"" + accepted.correlationId()
                + "\",\"commandType\":\"RegisterOfficer\",\"resource\":\"/api/v1/officers/B-1042\","
                + "\"event\":{\"topic\":\"precinct.officers\",\"partition\":2,\"offset\":1187}}", json);
    }

    @Test
    void absentOptionalFieldsStayAbsentSoTheEventDecodesAgain() {
        var observation = new RecordObservation(null, "SIGHTING", "2026-11-29T08:15:00Z", new Location(51.5, -0.12, null),
                null, null, null, null);

        var json = new String(codec.commands().encode(observation), StandardCharsets.UTF_8);
        var decoded = codec.commands().decode(Observations.RECORD, json.getBytes(StandardCharsets.UTF_8), Map.of());

        assertEquals("{\"kind\":\"SIGHTING\",\"observedAt\":\"2026-11-29T08:15:00Z\",\"location\":{\"lat\":51.5,\"lon\":-0.12}}", json);
        assertEquals(observation, assertInstanceOf(DecodedCommand.Valid.class, decoded).data());
    }

    @Test
    void aDeadLetterRoundTrips() {
        var letter = new DeadLetter(OfficerFixtures.aRegisterOfficerRequested(), "broker down", Instant.now());

        assertEquals(letter, codec.admin().decodeDeadLetter(codec.admin().encodeDeadLetter(letter)));
    }

    @Test
    void theDeadLetterListingNamesEachLettersIdKindIdsErrorAndData() throws Exception {
        var event = OfficerFixtures.aRegisterOfficerRequested();
        var letter = new DeadLetter(event, "broker down", Instant.parse("2026-11-29T08:15:00Z"));

        var listing = new ObjectMapper()
                .readTree(codec.admin().encodeDeadLetterListing(List.of(letter)));

        var item = listing.get("items").get(0);
        assertEquals(event.eventId().toString(), item.get("id").asText());
        assertEquals("command", item.get("kind").asText());
        assertEquals("RegisterOfficer", item.get("commandType").asText());
        assertEquals(event.commandId().value(), item.get("commandId").asText());
        assertEquals(event.correlationId().toString(), item.get("correlationId").asText());
        assertEquals("broker down", item.get("error").asText());
        assertEquals("2026-11-29T08:15:00Z", item.get("failedAt").asText());
        assertEquals(event.subject(), item.get("data").get("badgeNumber").asText());
    }

    @Test
    void anEventOfTheCurrentVersionDecodesAsItsCommand() {
        var command = OfficerFixtures.aRegisterOfficer();

        var decoded = codec.commands().decodeEvent(Officers.REGISTER, Officers.REGISTER.eventVersion(),
                codec.commands().encode(command));

        assertEquals(command, assertInstanceOf(DecodedCommand.Valid.class, decoded).data());
    }

    @Test
    void anOlderEventIsUpcastBeforeItDecodes() {
        var renamed = CommandType.builder("RegisterOfficer", RegisterOfficer.class)
                .fields(Officers.REGISTER.fields().toArray(Field[]::new))
                .route(Officers.REGISTER.route())
                .requestReply("precinct.cmd.officer.register")
                .topic(Officers.REGISTER.topic())
                .decidedBy(Officers.REGISTER.projection())
                .resource(Officers.REGISTER.resource())
                .eventVersion(2)
                .upcaster(1, data -> {
                    data.put("unit", data.remove("squad"));
                    return data;
                })
                .build();
        var version1 = """
                {"badgeNumber":"B-1","firstName":"A","lastName":"B","rank":"SERGEANT","squad":"U"}""";

        var decoded = codec.commands().decodeEvent(renamed, 1, version1.getBytes(StandardCharsets.UTF_8));

        assertEquals(new RegisterOfficer("B-1", "A", "B", "SERGEANT", "U"),
                assertInstanceOf(DecodedCommand.Valid.class, decoded).data());
        assertInstanceOf(DecodedCommand.Malformed.class,
                codec.commands().decodeEvent(renamed, 3, version1.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDeadLetterWithAbsentOptionalFieldsRoundTrips() {
        var observation = new RecordObservation(UUID.randomUUID().toString(), "SIGHTING", "2026-11-29T08:15:00Z",
                new Location(51.5, -0.12, null), null, null, null, null);
        var letter = new DeadLetter(new EventEnvelope(UUID.randomUUID(), Observations.RECORD, observation,
                EventEnvelope.SOURCE_BL, Instant.now(), CorrelationId.random(), new CommandId("k"),
                new Principal("sgt.jones"), OfficerFixtures.aTraceparent()), "broker down", Instant.now());

        assertEquals(letter, codec.admin().decodeDeadLetter(codec.admin().encodeDeadLetter(letter)));
    }

    @Test
    void aStoredDeadLetterWithAFieldOfANewerNodeStillReads() {
        var letter = new DeadLetter(OfficerFixtures.aRegisterOfficerRequested(), "broker down", Instant.now());
        var stored = new String(codec.admin().encodeDeadLetter(letter), StandardCharsets.UTF_8);

        var newer = stored.replaceFirst("\\{", "{\"attempts\":3,")
                .replace("\"event\":{", "\"event\":{\"partition\":1,");

        assertEquals(letter, codec.admin().decodeDeadLetter(newer.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStoredDeadLetterWithoutAnAttributeOrOfAnUnknownTypeIsACodecException() {
        var letter = new DeadLetter(OfficerFixtures.aRegisterOfficerRequested(), "broker down", Instant.now());
        var stored = new String(codec.admin().encodeDeadLetter(letter), StandardCharsets.UTF_8);

        assertThrows(CodecException.class, () -> codec.admin().decodeDeadLetter(
                stored.replaceFirst("\"traceparent\":\"[^\"]*\",", "").getBytes(StandardCharsets.UTF_8)));
        assertThrows(CodecException.class, () -> codec.admin().decodeDeadLetter(
                stored.replace("RegisterOfficerRequested", "OfficerTeleported").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aProjectionAndItsRebuildReadBackAsTheViewItWasWrittenFrom() {
        var projection = new ProjectionStatus("officers", "precinct.officers", ProjectionStatus.State.REBUILDING,
                List.of(new ProjectionStatus.Partition(0, 10, 12, 2, 1)),
                new RebuildProgress("officers", RebuildProgress.Phase.DONE, Instant.now(), Instant.now(), null,
                        List.of(new RebuildProgress.Partition(0, 12, 12))));

        var json = new String(codec.admin().encodeProjection(projection), StandardCharsets.UTF_8);

        assertEquals(AdminJson.ProjectionView.of(projection), codec.read(json, AdminJson.ProjectionView.class));
    }

    @Test
    void aRedriveReadsBackAsTheViewItWasWrittenFrom() {
        for (var redrive : List.of(new Redrive("officers", "B-1", 2, 1, 0, null),
                new Redrive("officers", "B-1", 0, 0, 2, "still broken"))) {
            var json = new String(codec.admin().encodeRedrive("event-x", redrive), StandardCharsets.UTF_8);

            assertEquals(AdminJson.RedriveView.of("event-x", redrive), codec.read(json, AdminJson.RedriveView.class));
        }
    }

    @Test
    void aForeignReplyIsACodecException() {
        var error = assertThrows(CodecException.class,
                () -> codec.replies().decode("{\"hello\":1}".getBytes()));
        assertTrue(error.getMessage().contains("reply"));
    }
}
