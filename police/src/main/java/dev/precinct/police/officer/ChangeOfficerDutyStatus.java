package dev.precinct.police.officer;

import dev.precinct.police.PoliceChecks;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.command.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts an officer on or off duty, or suspends them; a suspended officer can only go off duty.
 *
 * @param reason optional, at most 500 characters
 */
public record ChangeOfficerDutyStatus(String badgeNumber, String dutyStatus, String reason) implements Command {
    @Override
    public String aggregateId() {
        return badgeNumber;
    }

    @Override
    public List<Violation> violations() {
        var out = new ArrayList<Violation>();
        PoliceChecks.badge(out, "badgeNumber", badgeNumber);
        FieldChecks.oneOf(out, "dutyStatus", dutyStatus, DutyStatus.class);
        FieldChecks.optionalText(out, "reason", reason, 500);
        return out;
    }

    /** Whether an officer now {@code current} may go to {@code next}: a suspended officer only off duty. */
    static boolean allowed(DutyStatus current, DutyStatus next) {
        return current != DutyStatus.SUSPENDED || next == DutyStatus.OFF_DUTY;
    }
}
