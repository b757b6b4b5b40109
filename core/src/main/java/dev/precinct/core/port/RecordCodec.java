package dev.precinct.core.port;

import dev.precinct.core.Delivery;
import dev.precinct.core.EventEnvelope;
import dev.precinct.core.EventPosition;
import dev.precinct.core.PoisonRecord;
import dev.precinct.core.RawRecord;
import dev.precinct.core.RecordedEvent;

/**
 * The event log's record format, for stores that keep records as stored (parked events): encodes an event into
 * its record and decodes a record again. Thread-safe and stateless; never throws for a bad record.
 */
public interface RecordCodec {
    /** The record the event log holds for {@code event}. */
    RawRecord encode(EventEnvelope event);

    /** The event in {@code record}, or a {@link PoisonRecord} saying what is wrong with it. */
    Delivery decode(EventPosition position, RawRecord record);

    /** The record of {@code delivery}: the poison record's own, or the encoded event. */
    default RawRecord recordOf(Delivery delivery) {
        return switch (delivery) {
            case PoisonRecord poison -> poison.record();
            case RecordedEvent recorded -> encode(recorded.event());
        };
    }
}
