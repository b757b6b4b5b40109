package dev.precinct.core.log;

import java.util.Objects;

/** Where the event log stored an event: the proof that it is durable, and a position a reader can wait for. */
public record EventPosition(String topic, int partition, long offset) {
    public EventPosition {
        Objects.requireNonNull(topic, "topic");
    }
}
