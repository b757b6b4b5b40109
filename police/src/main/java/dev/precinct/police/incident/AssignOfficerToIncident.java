package dev.precinct.police.incident;

import dev.precinct.police.PoliceChecks;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.command.Violation;

import java.util.ArrayList;
import java.util.List;

/** Assigns an on-duty officer to an open incident; at most {@value IncidentView#MAX_OFFICERS} per incident. */
public record AssignOfficerToIncident(String incidentId, String badgeNumber) implements Command {
    @Override
    public String aggregateId() {
        return incidentId;
    }

    @Override
    public List<Violation> violations() {
        var out = new ArrayList<Violation>();
        FieldChecks.uuid(out, "incidentId", incidentId);
        PoliceChecks.badge(out, "badgeNumber", badgeNumber);
        return out;
    }
}
