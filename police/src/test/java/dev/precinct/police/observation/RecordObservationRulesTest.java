package dev.precinct.police.observation;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.police.Location;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Violation;
import dev.precinct.police.officer.OfficerFixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RecordObservation's field rules (checked at the edge) and its projection. */
class RecordObservationRulesTest {
    private static final ObservationProjection PROJECTION = new ObservationProjection();

    private static RecordObservation aPlateRead(String id, String plate) {
        return new RecordObservation(id, "PLATE_READ", "2026-11-29T08:15:00Z", new Location(51.5, -0.12, null),
                "B-1042", null, plate, null);
    }

    private static EventEnvelope event(RecordObservation observation) {
        return new EventEnvelope(UUID.randomUUID(), Observations.RECORD, observation, EventEnvelope.SOURCE_EDGE,
                Instant.parse("2026-11-29T08:16:00Z"), CorrelationId.random(), CommandId.random(),
                new Principal("ANPR-7"), OfficerFixtures.aTraceparent());
    }

    @Test
    void aPlateReadNeedsAPlateAndEveryFieldIsChecked() {
        var bad = new RecordObservation("x", "SMELL", "soon", new Location(0, 200, null), "b", "y", null, "n".repeat(2001));

        assertEquals(List.of("observationId", "kind", "observedAt", "location.lon", "badgeNumber", "incidentId", "notes"),
                bad.violations().stream().map(Violation::field).toList());
        assertEquals(List.of("plate"), aPlateRead(null, null).violations().stream().map(Violation::field).toList());
        assertTrue(aPlateRead(null, "AB12CDE").violations().isEmpty());
    }

    @Test
    void anObservationWithoutAnIdGetsOneDerivedFromTheCommandId() {
        var withId = Observations.RECORD.withIds(aPlateRead(null, "AB12CDE"), new CommandId("k-9"));

        assertEquals(withId, Observations.RECORD.withIds(aPlateRead(null, "AB12CDE"), new CommandId("k-9")));
        assertTrue(FieldChecks.isUuid(withId.observationId()));
    }

    @Test
    void projectionRecordsItOnceAndRejectsTheSameIdAgain() {
        var observation = aPlateRead(UUID.randomUUID().toString(), "AB12CDE");

        var first = PROJECTION.decide(null, event(observation));
        var view = (ObservationView) assertInstanceOf(Decision.Applied.class, first).view();
        var again = PROJECTION.decide(view, event(observation));

        assertEquals(ObservationKind.PLATE_READ, view.kind());
        assertEquals(Instant.parse("2026-11-29T08:15:00Z"), view.observedAt());
        assertEquals(Instant.parse("2026-11-29T08:16:00Z"), view.recordedAt());
        assertInstanceOf(Decision.Rejected.class, again);
    }
}
