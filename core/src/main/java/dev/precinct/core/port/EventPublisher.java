package dev.precinct.core.port;

import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;

import java.util.concurrent.CompletableFuture;

/**
 * Appends events to the event log, keyed by aggregate id so each aggregate's events keep their order.
 * Never blocks the caller. The future completes with the event's position once the log has durably stored it,
 * or exceptionally when it could not (the event may then be absent; it is never reported stored when it is not).
 * Thread-safe.
 */
@FunctionalInterface
public interface EventPublisher {
    CompletableFuture<EventPosition> publish(EventEnvelope event);
}
