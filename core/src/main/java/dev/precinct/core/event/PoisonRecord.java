package dev.precinct.core.event;

import dev.precinct.core.log.EventPosition;
import dev.precinct.core.log.RawRecord;
import java.util.Objects;

/**
 * A record of the event log that cannot be decoded into an event: unparseable, or of an unknown type. It keeps the
 * record as stored, so it can go to the DLQ topic unchanged and be decoded again after a fix.
 */
public record PoisonRecord(EventPosition position, RawRecord record, String reason) implements Delivery {
    public PoisonRecord {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reason, "reason");
    }

    /** The record's key (the aggregate id it claims), or {@code null} when it has none. */
    public String key() {
        return record.key();
    }
}
