package dev.precinct.core.port;

import dev.precinct.core.event.Delivery;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.log.RawRecord;
import dev.precinct.core.event.RecordedEvent;

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
