package dev.precinct.core.memory;

import dev.precinct.core.projection.CheckpointConflictException;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.projection.ParkedEvent;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.ProjectionStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A {@link ProjectionStore} in memory; {@link InMemoryViewQueries} read its rows ({@link #find}, {@link #entries}).
 */
public final class InMemoryProjectionStore<V> implements ProjectionStore<V> {
    private final InMemoryCommandStatuses statuses;
    private final ConcurrentHashMap<String, V> rows = new ConcurrentHashMap<>();
    private final Set<CommandId> seen = new HashSet<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    /** Parked records by aggregate id, each aggregate's in log order. */
    private final Map<String, List<ParkedEvent>> parked = new LinkedHashMap<>();
    private static final Comparator<ParkedEvent> LOG_ORDER = Comparator
            .comparing((ParkedEvent p) -> p.position().topic())
            .thenComparingInt(p -> p.position().partition())
            .thenComparingLong(p -> p.position().offset());

    public InMemoryProjectionStore(InMemoryCommandStatuses statuses) {
        this.statuses = statuses;
    }

    /** Every row, as of now. */
    public Collection<V> rows() {
        return List.copyOf(rows.values());
    }

    /** Every row with its aggregate id, as of now. */
    public Collection<Map.Entry<String, V>> entries() {
        return List.copyOf(rows.entrySet());
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
    public synchronized Set<CommandId> seen(Collection<CommandId> commandIds) {
        return commandIds.stream().filter(seen::contains).collect(Collectors.toSet());
    }

    @Override
    public synchronized Set<String> parked(Collection<String> aggregateIds) {
        var found = new HashSet<String>();
        for (var id : aggregateIds) if (parked.containsKey(id)) found.add(id);
        return found;
    }

    @Override
    public synchronized List<ParkedEvent> parkedEvents(String aggregateId) {
        return List.copyOf(parked.getOrDefault(aggregateId, List.of()));
    }

    @Override
    public synchronized List<ParkedEvent> parkedEvents() {
        return parked.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public synchronized long parkedCount() {
        return parked.values().stream().mapToLong(List::size).sum();
    }

    @Override
    public synchronized void commit(ProjectionBatch<V> batch) {
        batch.startOffsets().forEach((partition, start) -> {
            var stored = nextOffsets.get(partition);
            if (stored != null && stored > start)
                throw new CheckpointConflictException("the checkpoint of " + partition + " is " + stored
                        + ", not " + start + ": another projector moved it");
        });
        var released = new HashSet<EventPosition>(batch.released());
        parked.values().forEach(events -> events.removeIf(event -> released.contains(event.position())));
        for (var event : batch.parked()) {
            var events = parked.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>());
            events.removeIf(earlier -> earlier.position().equals(event.position()));
            events.add(event);
            events.sort(LOG_ORDER);
        }
        parked.values().removeIf(List::isEmpty);
        rows.putAll(batch.views());
        batch.statuses().forEach(statuses::put);
        seen.addAll(batch.seen());
        nextOffsets.putAll(batch.nextOffsets());
    }
}
