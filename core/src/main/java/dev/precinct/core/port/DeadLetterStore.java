package dev.precinct.core.port;

import dev.precinct.core.event.DeadLetter;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the commands whose events the event log did not take, in a store that does not depend on the event log,
 * until an operator re-drives them. Each is known by its {@link DeadLetter#id() id}.
 * Thread-safe; blocking. Throws an unchecked exception when the store is unreachable.
 */
public interface DeadLetterStore {
    /** Keeps {@code deadLetter}; the same dead letter put again soon after (a retried write) is kept once. */
    void put(DeadLetter deadLetter);

    /** The dead letters kept, oldest first. */
    List<DeadLetter> list();

    /** How many dead letters are kept, without reading them: cheap enough for a metrics sampler. */
    long count();

    /** The dead letter with {@code id}, if it is kept. */
    Optional<DeadLetter> find(String id);

    /** Forgets the dead letter with {@code id} (it was re-driven); returns whether it was kept. */
    boolean remove(String id);
}
