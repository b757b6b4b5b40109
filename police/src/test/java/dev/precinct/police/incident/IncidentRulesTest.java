package dev.precinct.police.incident;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.police.Location;
import dev.precinct.core.command.Principal;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.command.Violation;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.police.officer.Rank;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incident commands at acceptance (fields, read models) and at projection (log order). */
class IncidentRulesTest {
    private static final IncidentProjection PROJECTION = new IncidentProjection();
    private static final String ID = "5b0b5f52-1f1a-4a4e-9d1c-0c0f7f2d8a11";
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

    private final Map<String, IncidentView> incidents = new HashMap<>();
    private final Map<String, OfficerView> officers = new HashMap<>();
    private final ReadModels readModels = ReadModels.builder()
            .with(IncidentView.MODEL, id -> Optional.ofNullable(incidents.get(id)))
            .with(OfficerView.MODEL, badge -> Optional.ofNullable(officers.get(badge)))
            .build();

    private static ReportIncident aReport(String incidentId) {
        return new ReportIncident(incidentId, "BURGLARY", "P2", new Location(51.5, -0.12, "1 High St"),
                "window forced", null);
    }

    private static EventEnvelope event(CommandType<?> type, Command data) {
        return new EventEnvelope(UUID.randomUUID(), type, data, EventEnvelope.SOURCE_BL, NOW, CorrelationId.random(),
                CommandId.random(), Principal.ANONYMOUS, OfficerFixtures.aTraceparent());
    }

    private static IncidentView reported() {
        var decision = PROJECTION.decide(null, event(Incidents.REPORT, aReport(ID)));
        return (IncidentView) ((Decision.Applied<?>) decision).view();
    }

    private static IncidentView withBadges(IncidentView incident, int count) {
        var current = incident;
        for (int i = 0; i < count; i++)
            current = (IncidentView) ((Decision.Applied<?>) PROJECTION.decide(current,
                    event(Incidents.ASSIGN, new AssignOfficerToIncident(ID, "B-" + (100 + i))))).view();
        return current;
    }

    private void onDuty(String badge, DutyStatus status) {
        officers.put(badge, new OfficerView(badge, "A", "B", Rank.CONSTABLE, "U", status, null, NOW, NOW, 1));
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void reportFieldRulesCoverEveryField() {
        var report = new ReportIncident("nope", "ARSON", "P9", new Location(91, -181, null), " ", "yesterday");

        assertEquals(List.of("incidentId", "category", "priority", "location.lat", "location.lon", "description",
                "reportedAt"), fields(report.violations()));
    }

    @Test
    void aReportWithoutAnIdGetsOneDerivedFromTheCommandId() {
        var commandId = new CommandId("k-1");

        var first = Incidents.REPORT.withIds(aReport(null), commandId);
        var retry = Incidents.REPORT.withIds(aReport(null), commandId);
        var other = Incidents.REPORT.withIds(aReport(null), new CommandId("k-2"));

        assertTrue(FieldChecks.isUuid(first.incidentId()));
        assertEquals(first.incidentId(), retry.incidentId());
        assertNotEquals(first.incidentId(), other.incidentId());
        assertEquals(ID, Incidents.REPORT.withIds(aReport(ID), commandId).incidentId());
    }

    @Test
    void reportingAnIdInUseIsAConflictAtAcceptanceAndRejectedAtProjection() {
        incidents.put(ID, reported());

        var rejection = Incidents.REPORT.check(aReport(ID), Principal.ANONYMOUS, readModels);
        var decision = PROJECTION.decide(incidents.get(ID), event(Incidents.REPORT, aReport(ID)));

        assertEquals(Acceptance.Code.CONFLICT, rejection.orElseThrow().code());
        assertTrue(assertInstanceOf(Decision.Rejected.class, decision).reason().contains("already reported"));
    }

    @Test
    void aReportStartsOpenWithNoOfficersAndTheEventTimeWhenNoReportedAt() {
        var incident = reported();

        assertEquals(IncidentStatus.OPEN, incident.status());
        assertEquals(List.of(), incident.assignedBadges());
        assertEquals(NOW, incident.reportedAt());
        assertEquals(1, incident.version());
    }

    @Test
    void assigningAnOnDutyOfficerIsAcceptedAndAppliedAsAssigned() {
        incidents.put(ID, reported());
        onDuty("B-7", DutyStatus.ON_DUTY);
        var assign = new AssignOfficerToIncident(ID, "B-7");

        var rejection = Incidents.ASSIGN.check(assign, Principal.ANONYMOUS, readModels);
        var decision = PROJECTION.decide(incidents.get(ID), event(Incidents.ASSIGN, assign));

        assertTrue(rejection.isEmpty());
        var view = (IncidentView) assertInstanceOf(Decision.Applied.class, decision).view();
        assertEquals(IncidentStatus.ASSIGNED, view.status());
        assertEquals(List.of("B-7"), view.assignedBadges());
        assertEquals(2, view.version());
    }

    @Test
    void assigningAnOffDutyOfficerIsRefusedAtAcceptance() {
        incidents.put(ID, reported());
        onDuty("B-7", DutyStatus.OFF_DUTY);

        var rejection = Incidents.ASSIGN.check(new AssignOfficerToIncident(ID, "B-7"), Principal.ANONYMOUS, readModels);

        assertEquals(Acceptance.Code.CONFLICT, rejection.orElseThrow().code());
        assertTrue(rejection.get().reason().contains("OFF_DUTY"));
    }

    @Test
    void assigningAnUnknownOfficerIsAViolationAndToAnUnknownIncidentNotFound() {
        incidents.put(ID, reported());

        var unknownOfficer = Incidents.ASSIGN.check(new AssignOfficerToIncident(ID, "B-404"), Principal.ANONYMOUS, readModels);
        var unknownIncident = Incidents.ASSIGN.check(new AssignOfficerToIncident(UUID.randomUUID().toString(), "B-7"),
                Principal.ANONYMOUS, readModels);

        assertEquals(Acceptance.Code.VALIDATION_FAILED, unknownOfficer.orElseThrow().code());
        assertEquals(List.of("badgeNumber"), fields(unknownOfficer.get().violations()));
        assertEquals(Acceptance.Code.NOT_FOUND, unknownIncident.orElseThrow().code());
    }

    @Test
    void anEleventhOfficerIsRefusedAtBothStages() {
        incidents.put(ID, withBadges(reported(), IncidentView.MAX_OFFICERS));
        onDuty("B-7", DutyStatus.ON_DUTY);
        var eleventh = new AssignOfficerToIncident(ID, "B-7");

        var rejection = Incidents.ASSIGN.check(eleventh, Principal.ANONYMOUS, readModels);
        var decision = PROJECTION.decide(incidents.get(ID), event(Incidents.ASSIGN, eleventh));

        assertEquals(Acceptance.Code.CONFLICT, rejection.orElseThrow().code());
        assertInstanceOf(Decision.Rejected.class, decision);
    }

    @Test
    void assigningTheSameOfficerTwiceIsRejectedAtProjection() {
        var once = withBadges(reported(), 1);

        var decision = PROJECTION.decide(once, event(Incidents.ASSIGN, new AssignOfficerToIncident(ID, "B-100")));

        assertTrue(assertInstanceOf(Decision.Rejected.class, decision).reason().contains("already assigned"));
    }

    @Test
    void closingClosesOnceAndNeverTwice() {
        var close = new CloseIncident(ID, "RESOLVED", "arrest made");
        var closed = (IncidentView) ((Decision.Applied<?>) PROJECTION.decide(withBadges(reported(), 2),
                event(Incidents.CLOSE, close))).view();
        incidents.put(ID, closed);

        var again = PROJECTION.decide(closed, event(Incidents.CLOSE, close));
        var atAcceptance = Incidents.CLOSE.check(close, Principal.ANONYMOUS, readModels);

        assertEquals(IncidentStatus.CLOSED, closed.status());
        assertEquals(Resolution.RESOLVED, closed.resolution());
        assertEquals(NOW, closed.closedAt());
        assertEquals(List.of("B-100", "B-101"), closed.assignedBadges());
        assertTrue(assertInstanceOf(Decision.Rejected.class, again).reason().contains("already closed"));
        assertEquals(Acceptance.Code.CONFLICT, atAcceptance.orElseThrow().code());
    }

    @Test
    void assigningToAClosedIncidentIsRefusedAtBothStages() {
        var closed = (IncidentView) ((Decision.Applied<?>) PROJECTION.decide(reported(),
                event(Incidents.CLOSE, new CloseIncident(ID, "NO_ACTION", null)))).view();
        incidents.put(ID, closed);
        onDuty("B-7", DutyStatus.ON_DUTY);
        var assign = new AssignOfficerToIncident(ID, "B-7");

        assertEquals(Acceptance.Code.CONFLICT,
                Incidents.ASSIGN.check(assign, Principal.ANONYMOUS, readModels).orElseThrow().code());
        assertInstanceOf(Decision.Rejected.class, PROJECTION.decide(closed, event(Incidents.ASSIGN, assign)));
    }

    @Test
    void closingAnUnknownIncidentIsNotFoundAtAcceptanceAndRejectedAtProjection() {
        var close = new CloseIncident(ID, "REFERRED", null);

        assertEquals(Acceptance.Code.NOT_FOUND,
                Incidents.CLOSE.check(close, Principal.ANONYMOUS, readModels).orElseThrow().code());
        assertInstanceOf(Decision.Rejected.class, PROJECTION.decide(null, event(Incidents.CLOSE, close)));
    }

    @Test
    void commandFieldRulesOfAssignAndClose() {
        assertEquals(List.of("incidentId", "badgeNumber"), fields(new AssignOfficerToIncident("x", "b").violations()));
        assertEquals(List.of("resolution", "notes"),
                fields(new CloseIncident(ID, "SOLVED", "n".repeat(2001)).violations()));
        assertEquals(new ArrayList<Violation>(), new CloseIncident(ID, "RESOLVED", null).violations());
    }
}
