package dev.precinct.core.port;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.projection.ParkedEvent;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.log.TopicPartition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The storage of one projection: its read-model rows, the command outcomes it decided and its checkpoints.
 * Blocking; safe for one writer and any number of readers. Throws an unchecked exception when unreachable.
 *
 * @param <V> the read model's row
 */
public interface ProjectionStore<V> {
    /** The next offset to read per partition, as last committed. */
    Map<TopicPartition, Long> nextOffsets();

    /** The current rows of the given aggregates; absent ids have no row. */
    Map<String, V> load(Collection<String> aggregateIds);

    /** Those of {@code commandIds} whose outcome was already decided (for dropping duplicates). */
    Set<CommandId> decided(Collection<CommandId> commandIds);

    /**
     * Those of {@code commandIds} this projection has seen without deciding their outcome (for dropping duplicates
     * of commands another read model of the same topic decides): the {@link ProjectionBatch#seen()} of its commits.
     */
    Set<CommandId> seen(Collection<CommandId> commandIds);

    /** Those of {@code aggregateIds} that have parked records. */
    Set<String> parked(Collection<String> aggregateIds);

    /** The parked records of one aggregate, in log order; empty when it has none. */
    List<ParkedEvent> parkedEvents(String aggregateId);

    /** Every parked record, aggregate by aggregate, each aggregate's in log order. */
    List<ParkedEvent> parkedEvents();

    /** How many records are parked, as {@code parkedEvents().size()} would say, without reading them. */
    long parkedCount();

    /**
     * Writes rows, outcomes, checkpoints and parked records in one transaction: all of them or none. A command's
     * first outcome wins; a later one for the same command id is ignored. A parked record parked again replaces
     * the earlier one (its reason changed). When the batch names {@link ProjectionBatch#startOffsets() start
     * offsets}, a partition whose stored checkpoint is beyond its start offset (a projector that took the partition
     * over has moved it; a checkpoint before it is a gap in the log, such as expired records) fails the whole commit with {@link dev.precinct.core.projection.CheckpointConflictException}.
     */
    void commit(ProjectionBatch<V> batch);
}
