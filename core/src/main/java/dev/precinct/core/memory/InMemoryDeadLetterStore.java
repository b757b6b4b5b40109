package dev.precinct.core.memory;

import dev.precinct.core.DeadLetter;
import dev.precinct.core.port.DeadLetterStore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link DeadLetterStore} in a list: one JVM only. */
public final class InMemoryDeadLetterStore implements DeadLetterStore {
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    @Override
    public void put(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    @Override
    public List<DeadLetter> list() {
        return List.copyOf(deadLetters);
    }
}
