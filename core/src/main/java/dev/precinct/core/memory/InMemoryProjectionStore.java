package dev.precinct.core.memory;

import dev.precinct.core.CommandId;
import dev.precinct.core.ProjectionBatch;
import dev.precinct.core.TopicPartition;
import dev.precinct.core.port.ProjectionStore;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A {@link ProjectionStore} in memory; the query ports read its rows ({@link #find}, {@link #rows}). Derived
 * indexes can follow its commits through a commit listener, called inside the commit.
 */
public final class InMemoryProjectionStore<V> implements ProjectionStore<V> {
    private final InMemoryCommandStatuses statuses;
    private final Consumer<Map<String, V>> onCommit;
    private final ConcurrentHashMap<String, V> rows = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    public InMemoryProjectionStore(InMemoryCommandStatuses statuses) {
        this(statuses, changed -> { });
    }

    /** @param onCommit told the rows each commit changed, by aggregate id */
    public InMemoryProjectionStore(InMemoryCommandStatuses statuses, Consumer<Map<String, V>> onCommit) {
        this.statuses = statuses;
        this.onCommit = onCommit;
    }

    /** Every row, as of now. */
    public Collection<V> rows() {
        return List.copyOf(rows.values());
    }

    /** The row of one aggregate. */
    public Optional<V> find(String aggregateId) {
        return Optional.ofNullable(rows.get(aggregateId));
    }

    @Override
    public synchronized Map<TopicPartition, Long> nextOffsets() {
        return Map.copyOf(nextOffsets);
    }

    @Override
    public Map<String, V> load(Collection<String> aggregateIds) {
        var found = new HashMap<String, V>();
        for (var id : aggregateIds) {
            var row = rows.get(id);
            if (row != null) found.put(id, row);
        }
        return found;
    }

    @Override
    public Set<CommandId> decided(Collection<CommandId> commandIds) {
        return commandIds.stream().filter(statuses::decided).collect(Collectors.toSet());
    }

    @Override
    public synchronized void commit(ProjectionBatch<V> batch) {
        rows.putAll(batch.views());
        onCommit.accept(batch.views());
        batch.statuses().forEach(statuses::put);
        nextOffsets.putAll(batch.nextOffsets());
    }
}
