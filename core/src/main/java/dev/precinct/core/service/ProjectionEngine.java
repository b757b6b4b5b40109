package dev.precinct.core.service;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.projection.Decision;
import dev.precinct.core.event.Delivery;
import dev.precinct.core.event.EventDeadLetter;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.projection.ParkedEvent;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.projection.Redrive;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.DeadLetterTopic;
import dev.precinct.core.port.EventSink;
import dev.precinct.core.port.ProjectionListener;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.port.Traces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a {@link Projection} over batches of the event log: loads the touched rows once per batch, decides every
 * event in log order, drops commands already decided (duplicates by command id), and commits rows, outcomes,
 * parked records and checkpoints in one transaction, then tells the listener which commands were decided and which
 * events were applied.
 *
 * <p>The dead-letter queue is sequenced. A record it cannot apply (a poison record, or an event whose decision
 * throws) goes to the {@link DeadLetterTopic} with the reason, and its aggregate (the record's key) is parked: the
 * aggregate's later records are parked behind it, in order, while every other aggregate flows on. An operator then
 * {@link #redrive re-drives} the aggregate (its parked records are applied again in order, up to the first that
 * still fails) or {@link #skip skips} its first parked record. A record without a key parks nothing.
 *
 * <p>An operator may {@link #pause} it (its source then hands it nothing) and {@link #resume} it.
 *
 * <p>Thread-safe: batches and operator actions run one at a time.
 */
public final class ProjectionEngine<V> implements EventSink {
    private static final System.Logger LOG = System.getLogger(ProjectionEngine.class.getName());

    private final Projection<V> projection;
    private final ProjectionStore<V> store;
    private final DeadLetterTopic deadLetters;
    private final ProjectionListener listener;
    private final Clock clock;
    private final Traces traces;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean paused;

    /** An engine whose dead letters are only logged (their aggregates are still parked). */
    public ProjectionEngine(Projection<V> projection, ProjectionStore<V> store, ProjectionListener listener,
                            Clock clock) {
        this(projection, store, deadLetter -> LOG.log(System.Logger.Level.WARNING,
                "projection {0} cannot apply the record at {1}: {2}", deadLetter.projection(),
                deadLetter.delivery().position(), deadLetter.reason()), listener, clock);
    }

    public ProjectionEngine(Projection<V> projection, ProjectionStore<V> store, DeadLetterTopic deadLetters,
                            ProjectionListener listener, Clock clock) {
        this(projection, store, deadLetters, listener, clock, Traces.NONE);
    }

    /** @param traces told, after each commit, of a span per decided event in its command's trace */
    public ProjectionEngine(Projection<V> projection, ProjectionStore<V> store, DeadLetterTopic deadLetters,
                            ProjectionListener listener, Clock clock, Traces traces) {
        this.projection = Objects.requireNonNull(projection, "projection");
        this.store = Objects.requireNonNull(store, "store");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.traces = Objects.requireNonNull(traces, "traces");
    }

    @Override
    public String name() {
        return projection.name();
    }

    @Override
    public String topic() {
        return projection.topic();
    }

    @Override
    public Map<TopicPartition, Long> nextOffsets() {
        return store.nextOffsets();
    }

    @Override
    public boolean paused() {
        return paused;
    }

    /**
     * Pauses the projection in this process: its source hands it nothing more once the batch in hand (if any) is
     * committed. Idempotent. Re-drives and skips still work.
     */
    public void pause() {
        paused = true;
        LOG.log(System.Logger.Level.INFO, "projection {0} paused", name());
    }

    /** Resumes a paused projection: it reads on from its checkpoint. Idempotent. */
    public void resume() {
        paused = false;
        LOG.log(System.Logger.Level.INFO, "projection {0} resumed", name());
    }

    @Override
    public void accept(List<Delivery> deliveries) {
        lock.lock();
        try {
            acceptInOrder(deliveries);
        } finally {
            lock.unlock();
        }
    }

    private void acceptInOrder(List<Delivery> deliveries) {
        var keys = new HashSet<String>();
        var commandIds = new ArrayList<EventEnvelope>();
        for (var delivery : deliveries) {
            var key = keyOf(delivery);
            if (key != null) keys.add(key);
            if (delivery instanceof RecordedEvent recorded) commandIds.add(recorded.event());
        }
        // parked first: a re-drive in another process (an edge) that releases an aggregate after this read has
        // committed its row before the rows are read below, so no row is decided on a stale copy
        var parkedKeys = new HashSet<>(store.parked(keys));
        var work = new Work(new HashMap<>(store.load(keys)), handledBefore(commandIds));

        var nextOffsets = new HashMap<TopicPartition, Long>();
        var startOffsets = new HashMap<TopicPartition, Long>();
        var parked = new ArrayList<ParkedEvent>();
        var blockedBy = new HashMap<String, EventPosition>();
        for (var delivery : deliveries) {
            var position = delivery.position();
            var partition = new TopicPartition(position.topic(), position.partition());
            startOffsets.putIfAbsent(partition, position.offset());
            nextOffsets.put(partition, position.offset() + 1);
            var key = keyOf(delivery);
            if (key != null && parkedKeys.contains(key)) {
                var blocker = blockedBy.get(key);
                parked.add(new ParkedEvent(key, delivery, blocker == null
                        ? "parked behind an earlier parked record of " + key
                        : "parked behind the record at " + describe(blocker), clock.instant()));
                continue;
            }
            var failure = work.apply(delivery);
            if (failure.isEmpty()) continue;
            deadLetters.publish(new EventDeadLetter(name(), delivery, failure.get()));
            if (key == null) {
                LOG.log(System.Logger.Level.WARNING, "projection {0} sent the record at {1} without a key to the "
                        + "dead-letter topic: {2}", name(), describe(position), failure.get());
                continue;
            }
            LOG.log(System.Logger.Level.WARNING, "projection {0} parks aggregate {1} at {2}: {3}", name(), key,
                    describe(position), failure.get());
            parkedKeys.add(key);
            blockedBy.put(key, position);
            parked.add(new ParkedEvent(key, delivery, failure.get(), clock.instant()));
        }
        store.commit(new ProjectionBatch<>(work.changed, work.statuses, nextOffsets, parked, List.of(),
                startOffsets, work.seen));
        work.tellListener();
    }

    /** The parked records of this projection, aggregate by aggregate, each in log order. Blocks. */
    public List<ParkedEvent> parked() {
        return store.parkedEvents();
    }

    /** How many records of this projection are parked, without reading them. Blocks. */
    public long parkedCount() {
        return store.parkedCount();
    }

    /** The parked records of one aggregate, in log order. Blocks. */
    public List<ParkedEvent> parked(String aggregateId) {
        return store.parkedEvents(aggregateId);
    }

    /**
     * Applies the parked records of {@code aggregateId} again, in order (after a fix), up to the first that still
     * fails, which stays parked with the records behind it. Empty when the aggregate has nothing parked. Blocks.
     */
    public Optional<Redrive> redrive(String aggregateId) {
        return release(aggregateId, false);
    }

    /** Drops the first parked record of {@code aggregateId} and re-drives the rest. Empty when nothing is parked. */
    public Optional<Redrive> skip(String aggregateId) {
        return release(aggregateId, true);
    }

    private Optional<Redrive> release(String aggregateId, boolean skipFirst) {
        lock.lock();
        try {
            var events = store.parkedEvents(aggregateId);
            if (events.isEmpty()) return Optional.empty();
            var commandIds = new ArrayList<EventEnvelope>();
            for (var event : events)
                if (event.delivery() instanceof RecordedEvent recorded) commandIds.add(recorded.event());
            var work = new Work(new HashMap<>(store.load(Set.of(aggregateId))), handledBefore(commandIds));
            var released = new ArrayList<EventPosition>();
            var stillParked = new ArrayList<ParkedEvent>();
            int skipped = 0;
            Optional<String> failure = Optional.empty();
            for (int i = 0; i < events.size(); i++) {
                var event = events.get(i);
                if (skipFirst && i == 0) {
                    released.add(event.position());
                    skipped++;
                    LOG.log(System.Logger.Level.WARNING, "projection {0} skips the parked record of {1} at {2}",
                            name(), aggregateId, describe(event.position()));
                    continue;
                }
                if (failure.isEmpty()) failure = work.apply(event.delivery());
                if (failure.isEmpty()) {
                    released.add(event.position());
                } else {
                    if (stillParked.isEmpty())
                        stillParked.add(new ParkedEvent(aggregateId, event.delivery(), failure.get(), clock.instant()));
                    else break;
                }
            }
            store.commit(new ProjectionBatch<>(work.changed, work.statuses, Map.of(), stillParked, released,
                    Map.of(), work.seen));
            work.tellListener();
            int applied = released.size() - skipped;
            int remaining = events.size() - released.size();
            LOG.log(System.Logger.Level.INFO, "projection {0} re-drove {1}: {2} applied, {3} skipped, {4} still parked",
                    name(), aggregateId, applied, skipped, remaining);
            return Optional.of(new Redrive(name(), aggregateId, applied, skipped, remaining, failure.orElse(null)));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Which commands of {@code events} this projection handled before: decided, for the commands it decides;
     * seen, for those another read model of the topic decides.
     */
    private Set<CommandId> handledBefore(List<EventEnvelope> events) {
        var decides = new HashSet<CommandId>();
        var sees = new HashSet<CommandId>();
        for (var event : events) (decides(event) ? decides : sees).add(event.commandId());
        var handled = new HashSet<CommandId>();
        if (!decides.isEmpty()) handled.addAll(store.decided(decides));
        if (!sees.isEmpty()) handled.addAll(store.seen(sees));
        return handled;
    }

    /** Whether this projection decides the outcome of {@code event}'s command (its type names it). */
    private boolean decides(EventEnvelope event) {
        return event.type().projection().equals(name());
    }

    /** The aggregate id of a delivery: its key, or {@code null} for a record without one. */
    static String keyOf(Delivery delivery) {
        return switch (delivery) {
            case RecordedEvent recorded -> recorded.event().subject();
            case PoisonRecord poison -> poison.key();
        };
    }

    private static String describe(EventPosition position) {
        return position.topic() + "-" + position.partition() + "@" + position.offset();
    }

    /** The rows, outcomes and duplicates of one batch or re-drive, as it is decided. */
    private final class Work {
        final Map<String, V> rows;
        final Set<CommandId> decided;
        final Map<String, V> changed = new LinkedHashMap<>();
        final List<CommandStatusView> statuses = new ArrayList<>();
        final List<CommandId> seen = new ArrayList<>();
        final List<EventEnvelope> decidedEvents = new ArrayList<>();
        final List<EventEnvelope> appliedEvents = new ArrayList<>();
        final Instant started = clock.instant();
        final long startedNanos = System.nanoTime();

        Work(Map<String, V> rows, Set<CommandId> decided) {
            this.rows = rows;
            this.decided = decided;
        }

        /** Applies {@code delivery}: empty when applied or dropped as a duplicate, else why it cannot be applied. */
        Optional<String> apply(Delivery delivery) {
            if (delivery instanceof PoisonRecord poison) return Optional.of(poison.reason());
            var event = ((RecordedEvent) delivery).event();
            if (decided.contains(event.commandId())) return Optional.empty();
            Decision<V> decision;
            try {
                decision = projection.decide(rows.get(event.subject()), event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "projection " + name() + " cannot apply the event at "
                        + describe(delivery.position()), e);
                return Optional.of("the projection failed: " + e);
            }
            decided.add(event.commandId());
            if (decision instanceof Decision.Applied<V> applied) {
                rows.put(event.subject(), applied.view());
                changed.put(event.subject(), applied.view());
                appliedEvents.add(event);
            }
            var status = CommandStatusView.of(event, decision, clock.instant());
            if (decides(event)) statuses.add(status);
            else seen.add(event.commandId());
            if (traces != Traces.NONE) decidedEvents.add(event);
            if (LOG.isLoggable(System.Logger.Level.DEBUG))
                LOG.log(System.Logger.Level.DEBUG, "{0} {1} correlationId={2} commandId={3} traceparent={4}",
                        event.eventType(), status.status(), event.correlationId(), event.commandId(),
                        event.traceparent());
            return Optional.empty();
        }

        void tellListener() {
            if (!decidedEvents.isEmpty()) {
                var took = Duration.ofNanos(System.nanoTime() - startedNanos);
                for (int i = 0; i < decidedEvents.size(); i++) {
                    var event = decidedEvents.get(i);
                    traces.span("project " + event.eventType(), event.traceparent(), started, took, Map.of(
                            "precinct.command_id", event.commandId().value(),
                            "precinct.outcome", statuses.get(i).status().name()));
                }
            }
            if (!statuses.isEmpty())
                listener.decided(statuses.stream().map(CommandStatusView::correlationId).toList());
            if (!appliedEvents.isEmpty()) listener.applied(List.copyOf(appliedEvents));
        }
    }
}
