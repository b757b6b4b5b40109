package dev.precinct.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effect of one batch of events on a projection: the changed rows by aggregate id, the command outcomes and
 * the next offset to read per partition. Stores write it in one transaction, so a crash never half-applies it.
 */
public record ProjectionBatch<V>(Map<String, V> views, List<CommandStatusView> statuses,
                                 Map<TopicPartition, Long> nextOffsets) {
    public ProjectionBatch {
        views = Map.copyOf(Objects.requireNonNull(views, "views"));
        statuses = List.copyOf(Objects.requireNonNull(statuses, "statuses"));
        nextOffsets = Map.copyOf(Objects.requireNonNull(nextOffsets, "nextOffsets"));
    }
}
