package dev.precinct.core.event;

import dev.precinct.core.log.EventPosition;

/** One record of the event log as a projection receives it: a decodable event, or a poison record. */
public sealed interface Delivery permits RecordedEvent, PoisonRecord {
    EventPosition position();
}
