package dev.precinct.core.port;

import dev.precinct.core.CorrelationId;

import java.util.Collection;

/**
 * Told after a projection committed the outcomes of commands, so waiting readers wake up without polling.
 * Must not block: called on the projection's thread.
 */
@FunctionalInterface
public interface ProjectionListener {
    void decided(Collection<CorrelationId> correlationIds);
}
