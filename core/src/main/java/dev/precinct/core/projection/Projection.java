package dev.precinct.core.projection;

import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.view.ReadModel;

/**
 * A read model as a pure function of its topic: given the current row of an aggregate and its next event, the
 * decision. Replaying the same log always gives the same rows and the same outcomes.
 *
 * @param <V> the row of the read model
 */
public interface Projection<V> {
    /** The projection's name: its consumer group, its checkpoints and its admin name. */
    String name();

    /** The topic it folds. */
    String topic();

    /** The read model it maintains. */
    ReadModel<V> readModel();

    /**
     * Decides {@code event} given the aggregate's current row ({@code null} when there is none yet).
     * Throws {@link IllegalArgumentException} for an event the projection does not know (a poison event).
     */
    Decision<V> decide(V current, EventEnvelope event);
}
