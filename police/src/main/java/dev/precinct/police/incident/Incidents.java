package dev.precinct.police.incident;

import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.Field;
import dev.precinct.core.command.Ids;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.command.Rejection;
import dev.precinct.police.PoliceRoles;
import dev.precinct.core.command.Route;
import dev.precinct.core.command.Violation;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerView;

import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.view.ViewFilter;

import java.util.List;
import java.util.Optional;

/** The incident commands' catalog entries. */
public final class Incidents {
    /** The topic of incident events, keyed by incident id. */
    public static final String TOPIC = "precinct.incidents";

    public static final CommandType<ReportIncident> REPORT = CommandType
            .builder("ReportIncident", ReportIncident.class)
            .fields(Field.optionalText("incidentId"), Field.text("category"), Field.text("priority"),
                    Field.object("location", true, Field.number("lat"), Field.number("lon"),
                            Field.optionalText("address")),
                    Field.text("description"), Field.optionalText("reportedAt"))
            .route(Route.post("/api/v1/incidents"))
            .requestReply("precinct.cmd.incident.report")
            .topic(TOPIC)
            .roles(PoliceRoles.DISPATCHER)
            .decidedBy(IncidentProjection.NAME)
            .assignIds((report, commandId) -> report.incidentId() != null ? report
                    : report.withIncidentId(Ids.derived(commandId, "incident")))
            .acceptanceRule((report, principal, readModels) ->
                    readModels.find(IncidentView.MODEL, report.incidentId()).isPresent()
                            ? Optional.of(Rejection.conflict("incident " + report.incidentId() + " was already reported"))
                            : Optional.empty())
            .resource(report -> "/api/v1/incidents/" + report.incidentId())
            .build();

    public static final CommandType<AssignOfficerToIncident> ASSIGN = CommandType
            .builder("AssignOfficerToIncident", AssignOfficerToIncident.class)
            .fields(Field.text("incidentId"), Field.text("badgeNumber"))
            .route(Route.post("/api/v1/incidents/{incidentId}/assignments"))
            .requestReply("precinct.cmd.incident.assign")
            .topic(TOPIC)
            .roles(PoliceRoles.DISPATCHER)
            .decidedBy(IncidentProjection.NAME)
            .acceptanceRule((assign, principal, readModels) -> refuseAssignment(assign, readModels))
            .resource(assign -> "/api/v1/incidents/" + assign.incidentId())
            .build();

    public static final CommandType<CloseIncident> CLOSE = CommandType
            .builder("CloseIncident", CloseIncident.class)
            .fields(Field.text("incidentId"), Field.text("resolution"), Field.optionalText("notes"))
            .route(Route.post("/api/v1/incidents/{incidentId}/closure"))
            .requestReply("precinct.cmd.incident.close")
            .topic(TOPIC)
            .roles(PoliceRoles.DISPATCHER)
            .decidedBy(IncidentProjection.NAME)
            .acceptanceRule((close, principal, readModels) -> {
                var incident = readModels.find(IncidentView.MODEL, close.incidentId());
                if (incident.isEmpty()) return Optional.of(Rejection.notFound("no incident " + close.incidentId()));
                if (incident.get().status() == IncidentStatus.CLOSED)
                    return Optional.of(Rejection.conflict("incident " + close.incidentId() + " is already closed"));
                return Optional.empty();
            })
            .resource(close -> "/api/v1/incidents/" + close.incidentId())
            .build();

    private Incidents() {
    }

    /**
     * The incident an officer is on: the open (not closed) incident they are assigned to, the most recently
     * reported one if there are several. The officer read model shows it.
     */
    public static Optional<String> currentIncidentOf(String badgeNumber, ReadModels readModels) {
        var assigned = ViewFilter.where().contains("officer", badgeNumber)
                .is("status", IncidentStatus.OPEN.name(), IncidentStatus.ASSIGNED.name()).build();
        return readModels.of(IncidentView.MODEL).list(assigned, PageRequest.first(1)).items().stream()
                .map(IncidentView::incidentId).findFirst();
    }

    private static Optional<Rejection> refuseAssignment(AssignOfficerToIncident assign, ReadModels readModels) {
        var incident = readModels.find(IncidentView.MODEL, assign.incidentId());
        if (incident.isEmpty()) return Optional.of(Rejection.notFound("no incident " + assign.incidentId()));
        var refusal = IncidentProjection.refusalOfAssignment(incident.get(), assign);
        if (refusal != null) return Optional.of(Rejection.conflict(refusal));
        var officer = readModels.find(OfficerView.MODEL, assign.badgeNumber());
        if (officer.isEmpty())
            return Optional.of(Rejection.invalid(List.of(new Violation("badgeNumber", "no officer has this badge number"))));
        if (officer.get().dutyStatus() != DutyStatus.ON_DUTY)
            return Optional.of(Rejection.conflict("officer " + assign.badgeNumber() + " is "
                    + officer.get().dutyStatus() + "; only an ON_DUTY officer can be assigned"));
        return Optional.empty();
    }
}
