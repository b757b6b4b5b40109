package dev.precinct.police.incident;

import dev.precinct.core.command.Command;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.command.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Closes an incident that is not closed yet.
 *
 * @param notes optional, at most 2000 characters
 */
public record CloseIncident(String incidentId, String resolution, String notes) implements Command {
    @Override
    public String aggregateId() {
        return incidentId;
    }

    @Override
    public List<Violation> violations() {
        var out = new ArrayList<Violation>();
        FieldChecks.uuid(out, "incidentId", incidentId);
        FieldChecks.oneOf(out, "resolution", resolution, Resolution.class);
        FieldChecks.optionalText(out, "notes", notes, 2000);
        return out;
    }
}
