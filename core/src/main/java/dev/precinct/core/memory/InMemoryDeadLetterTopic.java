package dev.precinct.core.memory;

import dev.precinct.core.event.EventDeadLetter;
import dev.precinct.core.port.DeadLetterTopic;

import java.util.ArrayList;
import java.util.List;

/** The DLQ topic in memory, for the embedded mode and tests: keeps every dead letter, oldest first. Thread-safe. */
public final class InMemoryDeadLetterTopic implements DeadLetterTopic {
    private final List<EventDeadLetter> deadLetters = new ArrayList<>();

    @Override
    public synchronized void publish(EventDeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    /** Every dead letter published, oldest first. */
    public synchronized List<EventDeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }
}
