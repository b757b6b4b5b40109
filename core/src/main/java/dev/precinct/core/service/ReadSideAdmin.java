package dev.precinct.core.service;

import dev.precinct.core.projection.ParkedAggregate;
import dev.precinct.core.projection.ParkedEvent;
import dev.precinct.core.projection.ProjectionStatus;
import dev.precinct.core.projection.RebuildProgress;
import dev.precinct.core.projection.Redrive;
import dev.precinct.core.log.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The operator's handling of the read side: where each projection stands ({@link #projections()}), pausing and
 * resuming the projections this process runs, rebuilding them without downtime ({@link ProjectionRebuilder}), and
 * the event dead letters: the aggregates the projections parked,
 * listed, re-driven or skipped (see {@link ProjectionEngine}). Blocking; thread-safe as the engines are. Throws the
 * stores' (and the end offsets') unchecked exceptions when they are unreachable.
 */
public final class ReadSideAdmin {
    private final Map<String, ProjectionEngine<?>> engines = new LinkedHashMap<>();
    private final Map<String, ProjectionRebuilder<?>> rebuilders = new LinkedHashMap<>();
    private final Function<String, Map<TopicPartition, Long>> endOffsets;
    private final boolean runsHere;

    /**
     * @param engines    the projections, whose stores this process can reach
     * @param endOffsets the event log's end offset of every partition of a topic
     * @param runsHere   whether this process runs the engines' subscriptions (else they run in other processes and
     *                   cannot be paused from here)
     */
    public ReadSideAdmin(List<? extends ProjectionEngine<?>> engines,
                         Function<String, Map<TopicPartition, Long>> endOffsets, boolean runsHere) {
        this(engines, List.of(), endOffsets, runsHere);
    }

    /**
     * @param rebuilders the projections that can be rebuilt from this process (those with durable stores)
     */
    public ReadSideAdmin(List<? extends ProjectionEngine<?>> engines, List<? extends ProjectionRebuilder<?>> rebuilders,
                         Function<String, Map<TopicPartition, Long>> endOffsets, boolean runsHere) {
        for (var engine : Objects.requireNonNull(engines, "engines")) this.engines.put(engine.name(), engine);
        for (var rebuilder : Objects.requireNonNull(rebuilders, "rebuilders"))
            this.rebuilders.put(rebuilder.name(), rebuilder);
        this.endOffsets = Objects.requireNonNull(endOffsets, "endOffsets");
        this.runsHere = runsHere;
    }

    /** The projections this process runs; nothing else about the log is known. */
    public ReadSideAdmin(List<? extends ProjectionEngine<?>> engines) {
        this(engines, topic -> Map.of(), true);
    }

    /** No projections: nothing is ever parked. */
    public static ReadSideAdmin none() {
        return new ReadSideAdmin(List.of());
    }

    /** Where every projection stands, in a fixed order. */
    public List<ProjectionStatus> projections() {
        return engines.values().stream().map(this::status).toList();
    }

    /** Where the projection {@code name} stands; empty when there is none of that name. */
    public Optional<ProjectionStatus> projection(String name) {
        return Optional.ofNullable(engines.get(name)).map(this::status);
    }

    /**
     * Pauses the projection {@code name} in this process; empty when there is none of that name. Throws
     * {@link IllegalStateException} when this process does not run it.
     */
    public Optional<ProjectionStatus> pause(String name) {
        return control(name, ProjectionEngine::pause);
    }

    /** Resumes the projection {@code name} in this process, like {@link #pause}. */
    public Optional<ProjectionStatus> resume(String name) {
        return control(name, ProjectionEngine::resume);
    }

    /**
     * Starts rebuilding the projection {@code name} into a fresh copy, which replaces the live read model once it
     * has caught up; empty when there is none of that name. Throws {@link UnsupportedOperationException} when its
     * read model cannot be rebuilt (it is kept in memory, and rebuilt at every start anyway) and
     * {@link IllegalStateException} when a rebuild of it is running already.
     */
    public Optional<ProjectionStatus> rebuild(String name) {
        var engine = engines.get(name);
        if (engine == null) return Optional.empty();
        var rebuilder = rebuilders.get(name);
        if (rebuilder == null)
            throw new UnsupportedOperationException("projection " + name + " keeps its read model in memory, which "
                    + "is rebuilt from the start of the log at every start; only PostgreSQL read models are rebuilt "
                    + "in place");
        return Optional.of(status(engine, rebuilder.start()));
    }

    private Optional<ProjectionStatus> control(String name, Consumer<ProjectionEngine<?>> action) {
        var engine = engines.get(name);
        if (engine == null) return Optional.empty();
        if (!runsHere) throw new IllegalStateException("projection " + name + " does not run in this process");
        action.accept(engine);
        return Optional.of(status(engine));
    }

    private ProjectionStatus status(ProjectionEngine<?> engine) {
        var rebuilder = rebuilders.get(engine.name());
        return status(engine, rebuilder == null ? null : rebuilder.progress());
    }

    private ProjectionStatus status(ProjectionEngine<?> engine, RebuildProgress rebuild) {
        var checkpoints = engine.nextOffsets();
        var ends = endOffsets.apply(engine.topic());
        var parked = new HashMap<Integer, Integer>();
        for (var event : engine.parked())
            if (event.position().topic().equals(engine.topic()))
                parked.merge(event.position().partition(), 1, Integer::sum);
        var partitions = new TreeSet<Integer>();
        ends.keySet().forEach(partition -> partitions.add(partition.partition()));
        checkpoints.keySet().stream().filter(p -> p.topic().equals(engine.topic()))
                .forEach(partition -> partitions.add(partition.partition()));
        partitions.addAll(parked.keySet());
        var rows = new ArrayList<ProjectionStatus.Partition>();
        for (int partition : partitions) {
            var key = new TopicPartition(engine.topic(), partition);
            long checkpoint = checkpoints.getOrDefault(key, 0L);
            long end = ends.getOrDefault(key, checkpoint);
            rows.add(new ProjectionStatus.Partition(partition, checkpoint, end, Math.max(0, end - checkpoint),
                    parked.getOrDefault(partition, 0)));
        }
        var state = rebuild != null && rebuild.running() ? ProjectionStatus.State.REBUILDING
                : !runsHere ? ProjectionStatus.State.REMOTE
                : engine.paused() ? ProjectionStatus.State.PAUSED : ProjectionStatus.State.RUNNING;
        return new ProjectionStatus(engine.name(), engine.topic(), state, rows, rebuild);
    }

    /** Every parked aggregate, projection by projection. */
    public List<ParkedAggregate> parked() {
        var all = new ArrayList<ParkedAggregate>();
        for (var engine : engines.values()) {
            var byAggregate = new LinkedHashMap<String, List<ParkedEvent>>();
            for (var event : engine.parked())
                byAggregate.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event);
            byAggregate.forEach((id, events) -> all.add(new ParkedAggregate(engine.name(), id, events)));
        }
        return all;
    }

    /** How many records the projections have parked in all, without reading them (for a gauge). */
    public long parkedCount() {
        return engines.values().stream().mapToLong(ProjectionEngine::parkedCount).sum();
    }

    /** The parked aggregate with {@code id}, if there is one. */
    public Optional<ParkedAggregate> find(String id) {
        return engineOf(id).flatMap(found -> {
            var events = found.engine().parked(found.aggregateId());
            return events.isEmpty() ? Optional.empty()
                    : Optional.of(new ParkedAggregate(found.engine().name(), found.aggregateId(), events));
        });
    }

    /** Re-drives the parked aggregate {@code id}; empty when there is none. */
    public Optional<Redrive> redrive(String id) {
        return engineOf(id).flatMap(found -> found.engine().redrive(found.aggregateId()));
    }

    /** Skips the first parked record of the aggregate {@code id} and re-drives the rest; empty when there is none. */
    public Optional<Redrive> skip(String id) {
        return engineOf(id).flatMap(found -> found.engine().skip(found.aggregateId()));
    }

    private Optional<Found> engineOf(String id) {
        return ParkedAggregate.parseId(id).flatMap(parts -> Optional.ofNullable(engines.get(parts[0]))
                .map(engine -> new Found(engine, parts[1])));
    }

    private record Found(ProjectionEngine<?> engine, String aggregateId) {
    }
}
