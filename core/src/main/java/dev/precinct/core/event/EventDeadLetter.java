package dev.precinct.core.event;

import java.util.Objects;

/**
 * A record a projection could not apply, on its way to the DLQ topic with the reason and the projection's name.
 */
public record EventDeadLetter(String projection, Delivery delivery, String reason) {
    public EventDeadLetter {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(reason, "reason");
    }
}
