package dev.precinct.bench.precinct;

import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.view.ReadModel;

/**
 * A projection under another name (its consumer group and checkpoints) reading another topic: Precinct's own
 * projection, pointed at the benchmark's replay topic.
 */
record RenamedProjection<V>(Projection<V> projection, String name, String topic) implements Projection<V> {
    @Override
    public ReadModel<V> readModel() {
        return projection.readModel();
    }

    @Override
    public Decision<V> decide(V current, EventEnvelope event) {
        return projection.decide(current, event);
    }
}
