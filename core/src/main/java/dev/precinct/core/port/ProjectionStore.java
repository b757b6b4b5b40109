package dev.precinct.core.port;

import dev.precinct.core.CommandId;
import dev.precinct.core.ProjectionBatch;
import dev.precinct.core.TopicPartition;

import java.util.Collection;
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
     * Writes rows, outcomes and checkpoints in one transaction: all of them or none. A command's first outcome
     * wins; a later one for the same command id is ignored.
     */
    void commit(ProjectionBatch<V> batch);
}
