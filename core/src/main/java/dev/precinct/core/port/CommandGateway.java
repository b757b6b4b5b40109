package dev.precinct.core.port;

import dev.precinct.core.Acceptance;
import dev.precinct.core.CommandEnvelope;

import java.util.concurrent.CompletableFuture;

/**
 * The edge's way to the business-logic service that owns a command. Never blocks the caller.
 * <p>
 * The future completes with the service's {@link Acceptance}, or exceptionally with
 * {@link dev.precinct.core.ServiceUnavailableException} when no service answers, or
 * {@link dev.precinct.core.CommandTimeoutException} when none answered in time (outcome unknown).
 */
@FunctionalInterface
public interface CommandGateway {
    CompletableFuture<Acceptance> send(CommandEnvelope command);
}
