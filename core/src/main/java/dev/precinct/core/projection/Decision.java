package dev.precinct.core.projection;

import java.util.Objects;

/**
 * What a projection decides for one event, in the aggregate's log order: the event applies and gives the new row,
 * or it breaks a rule and changes nothing.
 */
public sealed interface Decision<V> {
    record Applied<V>(V view) implements Decision<V> {
        public Applied {
            Objects.requireNonNull(view, "view");
        }
    }

    record Rejected<V>(String reason) implements Decision<V> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
