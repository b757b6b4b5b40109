package dev.precinct.core.port;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;

import java.util.concurrent.CompletableFuture;

/**
 * The edge's way to the business-logic service that owns a command. Never blocks the caller.
 * <p>
 * The future completes with the service's {@link Acceptance}, or exceptionally with
 * {@link dev.precinct.core.command.ServiceUnavailableException} when no service answers, or
 * {@link dev.precinct.core.command.CommandTimeoutException} when none answered in time (outcome unknown).
 */
@FunctionalInterface
public interface CommandGateway {
    CompletableFuture<Acceptance> send(CommandEnvelope command);
}
