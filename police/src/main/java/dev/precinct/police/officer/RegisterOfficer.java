package dev.precinct.police.officer;

import dev.precinct.police.PoliceChecks;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.command.Violation;

import java.util.ArrayList;
import java.util.List;

/** Registers a new officer; the badge number must not be registered yet. */
public record RegisterOfficer(String badgeNumber, String firstName, String lastName, String rank, String unit)
        implements Command {

    @Override
    public String aggregateId() {
        return badgeNumber;
    }

    @Override
    public List<Violation> violations() {
        var out = new ArrayList<Violation>();
        PoliceChecks.badge(out, "badgeNumber", badgeNumber);
        FieldChecks.text(out, "firstName", firstName, 100);
        FieldChecks.text(out, "lastName", lastName, 100);
        FieldChecks.oneOf(out, "rank", rank, Rank.class);
        FieldChecks.text(out, "unit", unit, 64);
        return out;
    }
}
