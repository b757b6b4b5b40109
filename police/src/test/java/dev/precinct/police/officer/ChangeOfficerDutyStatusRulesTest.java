package dev.precinct.police.officer;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.Principal;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.command.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ChangeOfficerDutyStatus at acceptance and at projection. */
class ChangeOfficerDutyStatusRulesTest {
    private static final OfficerProjection PROJECTION = new OfficerProjection();
    private static final Instant REGISTERED = Instant.parse("2026-11-01T08:00:00Z");

    private static OfficerView officer(String badge, DutyStatus status) {
        return new OfficerView(badge, "Jane", "Tennison", Rank.INSPECTOR, "CID", status, null, REGISTERED, REGISTERED, 1);
    }

    private static ReadModels with(OfficerView officer) {
        return ReadModels.builder().with(OfficerView.MODEL,
                badge -> officer != null && officer.badgeNumber().equals(badge) ? Optional.of(officer) : Optional.empty()).build();
    }

    private static EventEnvelope event(ChangeOfficerDutyStatus change) {
        return new EventEnvelope(UUID.randomUUID(), Officers.CHANGE_DUTY_STATUS, change, EventEnvelope.SOURCE_BL,
                Instant.parse("2026-11-29T08:00:00Z"), CorrelationId.random(), CommandId.random(),
                Principal.ANONYMOUS, OfficerFixtures.aTraceparent());
    }

    @Test
    void fieldRulesNameTheDutyStatusAndTheReason() {
        var change = new ChangeOfficerDutyStatus("B-1", "ASLEEP", "x".repeat(501));

        assertEquals(List.of("dutyStatus", "reason"), change.violations().stream().map(Violation::field).toList());
    }

    @Test
    void acceptanceRefusesAnUnknownOfficerAsNotFound() {
        var rejection = Officers.CHANGE_DUTY_STATUS.check(new ChangeOfficerDutyStatus("B-1", "ON_DUTY", null),
                Principal.ANONYMOUS, with(null));

        assertEquals(Acceptance.Code.NOT_FOUND, rejection.orElseThrow().code());
    }

    @Test
    void acceptanceRefusesASuspendedOfficerGoingOnDuty() {
        var rejection = Officers.CHANGE_DUTY_STATUS.check(new ChangeOfficerDutyStatus("B-1", "ON_DUTY", null),
                Principal.ANONYMOUS, with(officer("B-1", DutyStatus.SUSPENDED)));

        assertEquals(Acceptance.Code.CONFLICT, rejection.orElseThrow().code());
    }

    @Test
    void acceptanceLetsASuspendedOfficerGoOffDuty() {
        assertTrue(Officers.CHANGE_DUTY_STATUS.check(new ChangeOfficerDutyStatus("B-1", "OFF_DUTY", "cleared"),
                Principal.ANONYMOUS, with(officer("B-1", DutyStatus.SUSPENDED))).isEmpty());
    }

    @Test
    void projectionAppliesTheChangeAndCountsTheVersion() {
        var event = event(new ChangeOfficerDutyStatus("B-1", "ON_DUTY", null));

        var decision = PROJECTION.decide(officer("B-1", DutyStatus.OFF_DUTY), event);

        var view = (OfficerView) assertInstanceOf(Decision.Applied.class, decision).view();
        assertEquals(DutyStatus.ON_DUTY, view.dutyStatus());
        assertEquals(2, view.version());
        assertEquals(event.time(), view.updatedAt());
        assertEquals(REGISTERED, view.registeredAt());
    }

    @Test
    void projectionRejectsAChangeForAnUnknownOfficer() {
        var decision = PROJECTION.decide(null, event(new ChangeOfficerDutyStatus("B-1", "ON_DUTY", null)));

        assertTrue(assertInstanceOf(Decision.Rejected.class, decision).reason().contains("no officer"));
    }

    @Test
    void projectionRejectsASuspendedOfficerGoingOnDuty() {
        var decision = PROJECTION.decide(officer("B-1", DutyStatus.SUSPENDED),
                event(new ChangeOfficerDutyStatus("B-1", "ON_DUTY", null)));

        assertTrue(assertInstanceOf(Decision.Rejected.class, decision).reason().contains("suspended"));
    }
}
