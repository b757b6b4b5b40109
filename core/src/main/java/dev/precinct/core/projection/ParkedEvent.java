package dev.precinct.core.projection;

import dev.precinct.core.event.Delivery;
import dev.precinct.core.log.EventPosition;
import java.time.Instant;
import java.util.Objects;

/**
 * A record a projection could not apply, or one held behind such a record of the same aggregate so the aggregate's
 * order is never broken. It waits with the projection's rows until an operator re-drives or skips it.
 *
 * @param aggregateId the record's key
 * @param reason      why it is parked: the failure, or the parked record it waits behind
 */
public record ParkedEvent(String aggregateId, Delivery delivery, String reason, Instant parkedAt) {
    public ParkedEvent {
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(parkedAt, "parkedAt");
    }

    public EventPosition position() {
        return delivery.position();
    }
}
