package dev.precinct.core.event;

import dev.precinct.core.log.EventPosition;
import java.util.Objects;

/** An event as read back from the event log, with its position. */
public record RecordedEvent(EventEnvelope event, EventPosition position) implements Delivery {
    public RecordedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(position, "position");
    }
}
