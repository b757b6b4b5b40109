package dev.precinct.core.projection;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.log.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effect of one batch of events on a projection: the changed rows by aggregate id, the command outcomes, the
 * next offset to read per partition, the records parked (new ones, or parked ones with a new reason) and the parked
 * records released (applied or skipped). Stores write it in one transaction, so a crash never half-applies it.
 *
 * @param startOffsets per partition, the checkpoint the batch was read from; a store that fences commits only when
 *                     its checkpoint has not moved beyond it (another projector has not taken over meanwhile)
 * @param seen         the commands whose events the projection applied or rejected without deciding their outcome
 *                     (another read model of the same topic decides it): remembered per projection, so a duplicate
 *                     event is dropped here too
 */
public record ProjectionBatch<V>(Map<String, V> views, List<CommandStatusView> statuses,
                                 Map<TopicPartition, Long> nextOffsets, List<ParkedEvent> parked,
                                 List<EventPosition> released, Map<TopicPartition, Long> startOffsets,
                                 List<CommandId> seen) {
    public ProjectionBatch {
        views = Map.copyOf(Objects.requireNonNull(views, "views"));
        statuses = List.copyOf(Objects.requireNonNull(statuses, "statuses"));
        nextOffsets = Map.copyOf(Objects.requireNonNull(nextOffsets, "nextOffsets"));
        parked = List.copyOf(Objects.requireNonNull(parked, "parked"));
        released = List.copyOf(Objects.requireNonNull(released, "released"));
        startOffsets = Map.copyOf(Objects.requireNonNull(startOffsets, "startOffsets"));
        seen = List.copyOf(Objects.requireNonNull(seen, "seen"));
    }

    /** A batch of a projection that decides the outcome of every command it sees. */
    public ProjectionBatch(Map<String, V> views, List<CommandStatusView> statuses,
                           Map<TopicPartition, Long> nextOffsets, List<ParkedEvent> parked,
                           List<EventPosition> released, Map<TopicPartition, Long> startOffsets) {
        this(views, statuses, nextOffsets, parked, released, startOffsets, List.of());
    }

    /** A batch that parks and releases nothing and is not fenced. */
    public ProjectionBatch(Map<String, V> views, List<CommandStatusView> statuses,
                           Map<TopicPartition, Long> nextOffsets) {
        this(views, statuses, nextOffsets, List.of(), List.of(), Map.of(), List.of());
    }
}
