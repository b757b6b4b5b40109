package dev.precinct.core.port;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.incident.IncidentFilter;
import dev.precinct.core.incident.IncidentView;

import java.util.Optional;

/** Reads the incident read model. Blocking; thread-safe. Throws an unchecked exception when unreachable. */
public interface IncidentQueries {
    Optional<IncidentView> find(String incidentId);

    /**
     * The incidents matching {@code filter}, newest report first (ties by incident id, descending), one keyset
     * page at a time. Throws {@link IllegalArgumentException} for a cursor this query did not issue.
     */
    Page<IncidentView> list(IncidentFilter filter, PageRequest page);
}
