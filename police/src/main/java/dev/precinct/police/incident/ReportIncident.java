package dev.precinct.police.incident;

import dev.precinct.police.PoliceChecks;
import dev.precinct.core.command.Command;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.police.Location;
import dev.precinct.core.command.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Reports a new incident.
 *
 * @param incidentId optional UUID; derived from the command id when the client sends none
 * @param reportedAt optional RFC 3339 time; the event's time when absent
 */
public record ReportIncident(String incidentId, String category, String priority, Location location,
                             String description, String reportedAt) implements Command {
    @Override
    public String aggregateId() {
        return incidentId;
    }

    @Override
    public List<Violation> violations() {
        var out = new ArrayList<Violation>();
        FieldChecks.optionalUuid(out, "incidentId", incidentId);
        FieldChecks.oneOf(out, "category", category, IncidentCategory.class);
        FieldChecks.oneOf(out, "priority", priority, Priority.class);
        PoliceChecks.location(out, "location", location);
        FieldChecks.text(out, "description", description, 2000);
        FieldChecks.optionalTime(out, "reportedAt", reportedAt);
        return out;
    }

    /** This report with {@code incidentId}. */
    ReportIncident withIncidentId(String incidentId) {
        return new ReportIncident(incidentId, category, priority, location, description, reportedAt);
    }
}
