package dev.precinct.police.incident;

import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ReadModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Folds the incidents topic into the incident read model, deciding each incident command in log order. */
public final class IncidentProjection implements Projection<IncidentView> {
    public static final String NAME = "incidents";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topic() {
        return Incidents.TOPIC;
    }

    @Override
    public ReadModel<IncidentView> readModel() {
        return IncidentView.MODEL;
    }

    @Override
    public Decision<IncidentView> decide(IncidentView current, EventEnvelope event) {
        var violations = event.data().violations();
        if (!violations.isEmpty())
            return new Decision.Rejected<>("invalid " + violations.getFirst().field() + ": " + violations.getFirst().message());
        return switch (event.data()) {
            case ReportIncident report -> report(current, report, event);
            case AssignOfficerToIncident assign -> assign(current, assign);
            case CloseIncident close -> close(current, close, event);
            default -> throw new IllegalArgumentException("the incident projection does not know " + event.eventType());
        };
    }

    /** Why {@code assign} cannot apply to {@code current}, or null when it can. Shared with the acceptance rule. */
    static String refusalOfAssignment(IncidentView current, AssignOfficerToIncident assign) {
        if (current == null) return "no incident " + assign.incidentId();
        if (current.status() == IncidentStatus.CLOSED) return "incident " + assign.incidentId() + " is closed";
        if (current.assignedBadges().contains(assign.badgeNumber()))
            return "officer " + assign.badgeNumber() + " is already assigned to incident " + assign.incidentId();
        if (current.assignedBadges().size() >= IncidentView.MAX_OFFICERS)
            return "incident " + assign.incidentId() + " already has " + IncidentView.MAX_OFFICERS + " officers";
        return null;
    }

    private static Decision<IncidentView> report(IncidentView current, ReportIncident report, EventEnvelope event) {
        if (report.incidentId() == null) return new Decision.Rejected<>("the report has no incidentId");
        if (current != null) return new Decision.Rejected<>("incident " + report.incidentId() + " was already reported");
        var reportedAt = report.reportedAt() == null ? event.time() : Instant.parse(report.reportedAt());
        return new Decision.Applied<>(new IncidentView(report.incidentId(), IncidentCategory.valueOf(report.category()),
                Priority.valueOf(report.priority()), IncidentStatus.OPEN, report.location(), report.description(),
                List.of(), reportedAt, null, null, 1));
    }

    private static Decision<IncidentView> assign(IncidentView current, AssignOfficerToIncident assign) {
        var refusal = refusalOfAssignment(current, assign);
        if (refusal != null) return new Decision.Rejected<>(refusal);
        var badges = new ArrayList<>(current.assignedBadges());
        badges.add(assign.badgeNumber());
        return new Decision.Applied<>(new IncidentView(current.incidentId(), current.category(), current.priority(),
                IncidentStatus.ASSIGNED, current.location(), current.description(), badges, current.reportedAt(),
                null, null, current.version() + 1));
    }

    private static Decision<IncidentView> close(IncidentView current, CloseIncident close, EventEnvelope event) {
        if (current == null) return new Decision.Rejected<>("no incident " + close.incidentId());
        if (current.status() == IncidentStatus.CLOSED)
            return new Decision.Rejected<>("incident " + close.incidentId() + " is already closed");
        return new Decision.Applied<>(new IncidentView(current.incidentId(), current.category(), current.priority(),
                IncidentStatus.CLOSED, current.location(), current.description(), current.assignedBadges(),
                current.reportedAt(), event.time(), Resolution.valueOf(close.resolution()), current.version() + 1));
    }
}
