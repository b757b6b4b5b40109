package dev.precinct.core.event;

import java.time.Instant;
import java.util.Objects;

/** A command whose event the event log did not take, kept with the error so an operator can re-drive it. */
public record DeadLetter(EventEnvelope event, String error, Instant failedAt) {
    public DeadLetter {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(failedAt, "failedAt");
    }

    /** The dead letter's id: the id of the event whose publish failed (every attempt's event has its own). */
    public String id() {
        return event.eventId().toString();
    }
}
