package dev.precinct.core.port;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.observation.ObservationFilter;
import dev.precinct.core.observation.ObservationView;

import java.util.Optional;

/** Reads the observation read model. Blocking; thread-safe. Throws an unchecked exception when unreachable. */
public interface ObservationQueries {
    Optional<ObservationView> find(String observationId);

    /**
     * The observations matching {@code filter}, newest observation first (ties by observation id, descending), one
     * keyset page at a time. Throws {@link IllegalArgumentException} for a cursor this query did not issue.
     */
    Page<ObservationView> list(ObservationFilter filter, PageRequest page);
}
