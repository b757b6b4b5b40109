package dev.precinct.core.memory;

import dev.precinct.core.event.DeadLetter;
import dev.precinct.core.port.DeadLetterStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** A {@link DeadLetterStore} in a map in insertion order: one JVM only. */
public final class InMemoryDeadLetterStore implements DeadLetterStore {
    private final LinkedHashMap<String, DeadLetter> deadLetters = new LinkedHashMap<>();

    @Override
    public synchronized void put(DeadLetter deadLetter) {
        deadLetters.putIfAbsent(deadLetter.id(), deadLetter);
    }

    @Override
    public synchronized long count() {
        return deadLetters.size();
    }

    @Override
    public synchronized List<DeadLetter> list() {
        return List.copyOf(new ArrayList<>(deadLetters.values()));
    }

    @Override
    public synchronized Optional<DeadLetter> find(String id) {
        return Optional.ofNullable(deadLetters.get(id));
    }

    @Override
    public synchronized boolean remove(String id) {
        return deadLetters.remove(id) != null;
    }
}
