package dev.precinct.core.port;

import dev.precinct.core.officer.OfficerView;

import java.util.Optional;

/** Reads the officer read model. Blocking; thread-safe. Throws an unchecked exception when unreachable. */
@FunctionalInterface
public interface OfficerQueries {
    Optional<OfficerView> find(String badgeNumber);
}
