package dev.precinct.core.port;

import dev.precinct.core.DeadLetter;

import java.util.List;

/**
 * Keeps the commands whose events the event log did not take, in a store that does not depend on the event log.
 * Thread-safe; blocking. Throws an unchecked exception when the store is unreachable.
 */
public interface DeadLetterStore {
    void put(DeadLetter deadLetter);

    /** The dead letters kept, oldest first. */
    List<DeadLetter> list();
}
