package dev.precinct.core.port;

import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.event.RecordedEvent;

import java.time.Instant;
import java.util.Optional;

/**
 * Searches the event log for an event an earlier attempt of a command may have published, so that a retry does not
 * publish a second one. Rare (only after a crash or a publish with an unknown outcome), so it may be slow-ish: it
 * reads the partition of the event's key from {@code since}.
 * <p>
 * Thread-safe; blocking, for a bounded time. Throws an unchecked exception when the log cannot be read to its
 * end; the answer is then unknown.
 */
@FunctionalInterface
public interface EventLookup {
    /**
     * The event of {@code intended.commandId()} that the log holds under {@code intended}'s topic and key (the
     * aggregate id), published at {@code since} or later, if any; the earliest such event when there are several.
     */
    Optional<RecordedEvent> find(EventEnvelope intended, Instant since);
}
