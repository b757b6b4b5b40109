package dev.precinct.police;

import dev.precinct.core.domain.Catalog;
import dev.precinct.core.domain.Domain;
import dev.precinct.police.incident.IncidentProjection;
import dev.precinct.police.incident.IncidentView;
import dev.precinct.police.incident.Incidents;
import dev.precinct.police.observation.ObservationProjection;
import dev.precinct.police.observation.ObservationView;
import dev.precinct.police.observation.Observations;
import dev.precinct.police.officer.OfficerProjection;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.police.officer.Officers;

import static dev.precinct.police.PoliceRoles.DISPATCHER;
import static dev.precinct.police.PoliceRoles.OFFICER;
import static dev.precinct.police.PoliceRoles.SUPERVISOR;

/** The police domain as Precinct runs it: officers, incidents and observations, each declared in its package. */
public final class Police {
    /** The police API's OpenAPI document, hand-written: the edge serves it at {@code /openapi.json}. */
    public static final String API_DOCUMENT = "dev/precinct/police/openapi.json";

    private Police() {
    }

    /** The catalog of the police domain alone: what the app runs. */
    public static Catalog catalog() {
        return Catalog.of(domain());
    }

    /** The police domain's declaration: six commands, three read models, read by dispatchers, supervisors, officers. */
    public static Domain domain() {
        return Domain.builder("police")
                .commands(Officers.REGISTER, Officers.CHANGE_DUTY_STATUS, Incidents.REPORT, Incidents.ASSIGN,
                        Incidents.CLOSE, Observations.RECORD)
                .view(new OfficerProjection(), OfficerView.storage(Incidents::currentIncidentOf))
                .view(new IncidentProjection(), IncidentView.STORAGE)
                .view(new ObservationProjection(), ObservationView.STORAGE)
                .readers(DISPATCHER, SUPERVISOR, OFFICER)
                .apiDocument(API_DOCUMENT)
                .build();
    }
}
