package dev.precinct.core.port;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.officer.OfficerFilter;
import dev.precinct.core.officer.OfficerView;

import java.util.Optional;

/**
 * Reads the officer read model, with each officer's current incident joined in. Blocking; thread-safe. Throws an
 * unchecked exception when the store is unreachable.
 */
public interface OfficerQueries {
    Optional<OfficerView> find(String badgeNumber);

    /**
     * The officers matching {@code filter} in badge-number order, one keyset page at a time. Throws
     * {@link IllegalArgumentException} for a cursor this query did not issue.
     */
    Page<OfficerView> list(OfficerFilter filter, PageRequest page);
}
