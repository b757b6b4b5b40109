package dev.precinct.core.port;

import dev.precinct.core.event.EventDeadLetter;

/**
 * The DLQ topic of the event log ({@code precinct.dlq}): where a projection sends each record it cannot apply,
 * with the original key, value and headers and the reason. Blocks until the log has durably stored it; throws an
 * unchecked exception when it could not (the projection then retries the whole batch). Thread-safe.
 */
@FunctionalInterface
public interface DeadLetterTopic {
    void publish(EventDeadLetter deadLetter);
}
