package dev.precinct.police.officer;

import dev.precinct.core.projection.Decision;
import dev.precinct.police.PoliceChecks;
import dev.precinct.core.command.Principal;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.command.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RegisterOfficer's rules at both stages: at acceptance (fields, read model) and at projection (log order). */
class RegisterOfficerRulesTest {
    private static final OfficerProjection PROJECTION = new OfficerProjection();

    private static OfficerView existing(String badge) {
        return new OfficerView(badge, "A", "B", Rank.CONSTABLE, "U", DutyStatus.OFF_DUTY, null, Instant.EPOCH,
                Instant.EPOCH, 1);
    }

    @Test
    void aValidRegistrationHasNoViolations() {
        assertTrue(OfficerFixtures.aRegisterOfficer().violations().isEmpty());
    }

    @Test
    void everyFieldRuleIsReportedByItsField() {
        var command = new RegisterOfficer("b 1", " ", "x".repeat(101), "GENERAL", "u".repeat(65));

        var fields = command.violations().stream().map(Violation::field).toList();

        assertEquals(java.util.List.of("badgeNumber", "firstName", "lastName", "rank", "unit"), fields);
    }

    @Test
    void badgeNumbersFollowThePattern() {
        assertTrue(PoliceChecks.isBadge("B-1042"));
        assertTrue(!PoliceChecks.isBadge("b-1042") && !PoliceChecks.isBadge("AB") && !PoliceChecks.isBadge("A".repeat(17)));
    }

    @Test
    void acceptanceRefusesABadgeTheReadModelAlreadyHas() {
        var command = OfficerFixtures.aRegisterOfficer();
        var readModels = ReadModels.builder()
                .with(OfficerView.MODEL, badge -> Optional.of(existing(badge))).build();

        var rejection = Officers.REGISTER.check(command, Principal.ANONYMOUS, readModels);

        assertTrue(rejection.isPresent());
        assertEquals(dev.precinct.core.command.Acceptance.Code.CONFLICT, rejection.get().code());
    }

    @Test
    void acceptanceTakesANewBadge() {
        var readModels = ReadModels.builder().with(OfficerView.MODEL, badge -> Optional.<OfficerView>empty()).build();

        assertTrue(Officers.REGISTER.check(OfficerFixtures.aRegisterOfficer(), Principal.ANONYMOUS, readModels).isEmpty());
    }

    @Test
    void projectionAppliesAFirstRegistrationAsAnOffDutyOfficer() {
        var event = OfficerFixtures.aRegisterOfficerRequested();

        var decision = PROJECTION.decide(null, event);

        var officer = assertInstanceOf(Decision.Applied.class, decision).view();
        var view = (OfficerView) officer;
        assertEquals(event.subject(), view.badgeNumber());
        assertEquals(DutyStatus.OFF_DUTY, view.dutyStatus());
        assertEquals(Rank.INSPECTOR, view.rank());
        assertEquals(1, view.version());
        assertEquals(event.time(), view.registeredAt());
    }

    @Test
    void projectionRejectsTheSecondRegistrationOfABadge() {
        var event = OfficerFixtures.aRegisterOfficerRequested();

        var decision = PROJECTION.decide(existing(event.subject()), event);

        assertTrue(assertInstanceOf(Decision.Rejected.class, decision).reason().contains("already registered"));
    }

    @Test
    void projectionRejectsAnEventThatBreaksAFieldRule() {
        var event = OfficerFixtures.aRegisterOfficerRequested(
                new RegisterOfficer(OfficerFixtures.aUniqueBadge(), "A", "B", "GENERAL", "U"));

        var decision = PROJECTION.decide(null, event);

        assertTrue(assertInstanceOf(Decision.Rejected.class, decision).reason().contains("rank"));
    }
}
