package dev.precinct.core.port;

import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.EventEnvelope;

import java.util.Collection;
import java.util.List;

/**
 * Told after a projection committed the outcomes of commands, so waiting readers wake up without polling, and
 * (optionally) which events it applied, so they can be passed on. Both are called on the projection's thread after
 * the commit, never for work that was not committed; they must neither block (a buffered publish is fine) nor throw.
 */
@FunctionalInterface
public interface ProjectionListener {
    /** The correlation ids of the commands the committed batch (or re-drive) decided, applied or rejected. */
    void decided(Collection<CorrelationId> correlationIds);

    /**
     * The events the committed batch (or re-drive) applied, in the order they were applied (log order per
     * aggregate); not the rejected ones, the duplicates dropped or the parked ones. Never called with an empty
     * list. Does nothing unless overridden.
     */
    default void applied(List<EventEnvelope> events) {
    }
}
