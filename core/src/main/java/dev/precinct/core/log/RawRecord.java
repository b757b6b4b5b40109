package dev.precinct.core.log;

import java.util.List;
import java.util.Objects;

/**
 * A record of the event log as it was stored, byte for byte: the key, the value and the headers in their order. What
 * a dead letter keeps, so it can be inspected, published to the DLQ topic and decoded again after a fix.
 *
 * @param key   the record's key (the aggregate id), or {@code null} when it had none
 * @param value the record's value, or {@code null} when it had none
 */
public record RawRecord(String key, byte[] value, List<Header> headers) {
    public RawRecord {
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** One header of a record; the value may be {@code null}. */
    public record Header(String name, byte[] value) {
        public Header {
            Objects.requireNonNull(name, "name");
        }
    }
}
