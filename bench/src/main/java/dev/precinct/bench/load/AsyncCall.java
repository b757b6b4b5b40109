package dev.precinct.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * One call that does not block its caller: the future completes with true when the call succeeded. Used by the
 * floors, whose raw clients pipeline requests (jnats futures, Kafka callbacks).
 */
@FunctionalInterface
public interface AsyncCall {
    CompletableFuture<Boolean> call();
}
