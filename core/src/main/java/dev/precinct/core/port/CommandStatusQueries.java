package dev.precinct.core.port;

import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.command.CorrelationId;

import java.util.Optional;

/** Reads the command-status read model. Blocking; thread-safe. Throws an unchecked exception when unreachable. */
@FunctionalInterface
public interface CommandStatusQueries {
    Optional<CommandStatusView> find(CorrelationId correlationId);
}
