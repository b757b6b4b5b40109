package dev.precinct.adapters.rest;

import dev.precinct.core.service.CommandStatusWatch;
import dev.precinct.core.view.ReadModels;

import java.util.Objects;

/**
 * The read side as the edge serves it: the read models' queries (as queries return rows, joins applied) and the
 * command-status watch.
 */
public record EdgeQueries(ReadModels readModels, CommandStatusWatch commandStatuses) {
    public EdgeQueries {
        Objects.requireNonNull(readModels, "readModels");
        Objects.requireNonNull(commandStatuses, "commandStatuses");
    }
}
