package dev.precinct.adapters.rest;

import dev.precinct.core.port.IncidentQueries;
import dev.precinct.core.port.ObservationQueries;
import dev.precinct.core.port.OfficerQueries;
import dev.precinct.core.service.CommandStatusWatch;

import java.util.Objects;

/** The read side as the edge serves it: one query port per read model, and the command-status watch. */
public record EdgeQueries(OfficerQueries officers, IncidentQueries incidents, ObservationQueries observations,
                          CommandStatusWatch commandStatuses) {
    public EdgeQueries {
        Objects.requireNonNull(officers, "officers");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(commandStatuses, "commandStatuses");
    }
}
