package dev.precinct.core;

import java.util.Objects;

/** A record of the event log that cannot be decoded into an event: unparseable, or of an unknown type. */
public record PoisonRecord(EventPosition position, String key, String reason) implements Delivery {
    public PoisonRecord {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(reason, "reason");
    }
}
