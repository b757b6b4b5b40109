package dev.precinct.core.service;

import dev.precinct.core.event.Delivery;
import dev.precinct.core.projection.Projection;
import dev.precinct.core.projection.RebuildProgress;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.EventSink;
import dev.precinct.core.port.EventSource;
import dev.precinct.core.port.ProjectionCopies;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Rebuilds one projection without downtime: a fresh copy of its storage ({@link ProjectionCopies}) is filled from
 * the start of the log by an engine of its own, on a subscription of its own, while queries and the live
 * projection go on with the live storage. Once the copy has read up to the log's end, the live storage's commits
 * are held, the copy reads on up to the live checkpoints (it may pass them), its subscription stops and the copy
 * takes the live storage's place in one transaction. The live projectors then carry on from the copy's
 * checkpoints (a batch they had read from the old ones is refused by the checkpoint fence and read again).
 *
 * <p>The copy parks what it cannot apply, as the live projection does, but sends no dead letters: the live
 * projection has sent them already. Progress is visible throughout ({@link #progress()}); a failure drops the
 * copy and leaves the live storage as it was. One rebuild of a projection runs at a time, across processes.
 * Thread-safe.
 */
public final class ProjectionRebuilder<V> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProjectionRebuilder.class.getName());
    private static final Duration LOOK = Duration.ofMillis(100);
    /** How long the live commits are held at most while the copy reaches the live checkpoints. */
    private static final Duration HOLD = Duration.ofSeconds(10);
    /** How often the switch is tried before the rebuild fails: each try follows the log's end again. */
    private static final int SWITCH_ATTEMPTS = 5;

    private final Projection<V> projection;
    private final ProjectionCopies<V> copies;
    private final EventSource source;
    private final Function<String, Map<TopicPartition, Long>> endOffsets;
    private final Clock clock;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile RebuildProgress progress;
    private Thread running;

    /**
     * @param copies     fresh copies of the projection's storage
     * @param source     the event log, read from the start for each copy
     * @param endOffsets the log's end offset per partition of a topic
     */
    public ProjectionRebuilder(Projection<V> projection, ProjectionCopies<V> copies, EventSource source,
                               Function<String, Map<TopicPartition, Long>> endOffsets, Clock clock) {
        this.projection = Objects.requireNonNull(projection, "projection");
        this.copies = Objects.requireNonNull(copies, "copies");
        this.source = Objects.requireNonNull(source, "source");
        this.endOffsets = Objects.requireNonNull(endOffsets, "endOffsets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The projection this rebuilds. */
    public String name() {
        return projection.name();
    }

    /**
     * Starts a rebuild on a thread of its own and returns its first progress. Blocks while the copy is made.
     * Throws {@link IllegalStateException} when a rebuild of this projection runs already, here or elsewhere.
     */
    public synchronized RebuildProgress start() {
        if (closing.getCount() == 0) throw new IllegalStateException("the rebuilder of " + name() + " is closed");
        if (progress != null && progress.running())
            throw new IllegalStateException("a rebuild of " + name() + " is running already, started at "
                    + progress.startedAt());
        var ends = endOffsets.apply(projection.topic());
        var copy = copies.create();
        var started = clock.instant();
        // returned as it is now: the rebuild's thread may replace the field before this method returns
        var replaying = new RebuildProgress(name(), RebuildProgress.Phase.REPLAYING, started, null, null,
                partitions(Map.of(), ends));
        progress = replaying;
        running = Thread.ofPlatform().name("rebuild-" + name()).daemon().start(() -> rebuild(copy));
        LOG.log(System.Logger.Level.INFO, "projection {0}: rebuild started", name());
        return replaying;
    }

    /** The running rebuild's progress, else the last one's outcome; {@code null} when there was none. */
    public RebuildProgress progress() {
        return progress;
    }

    private void rebuild(ProjectionCopies.Copy<V> copy) {
        var started = progress.startedAt();
        try (copy) {
            var engine = new ProjectionEngine<>(projection, copy.store(), deadLetter -> { }, decided -> { }, clock);
            var subscription = source.subscribe(new CopySink(engine));
            boolean stopped = false;
            try {
                for (int attempt = 1; ; attempt++) {
                    while (!replayedToTheEnd(copy, started)) {
                        if (closing.await(LOOK.toMillis(), TimeUnit.MILLISECONDS)) {
                            fail(started, "the process is stopping");
                            return;
                        }
                    }
                    report(started, RebuildProgress.Phase.SWITCHING, endOffsets.apply(projection.topic()),
                            copy.store().nextOffsets());
                    Map<TopicPartition, Long> live = copy.holdLive();
                    if (!reachedWhileHeld(copy, live)) {
                        copy.release();
                        if (attempt == SWITCH_ATTEMPTS)
                            throw new IllegalStateException("the copy did not reach the live checkpoints within "
                                    + HOLD.toSeconds() + " s, " + attempt + " times");
                        continue;
                    }
                    stopped = true;
                    subscription.close();
                    var read = copy.store().nextOffsets();
                    copy.switchOver();
                    // done: the copy had read as far as the live projection had committed, or further
                    var reachedLive = new HashMap<>(live);
                    read.forEach((partition, offset) -> reachedLive.merge(partition, offset, Math::max));
                    progress = new RebuildProgress(name(), RebuildProgress.Phase.DONE, started, clock.instant(),
                            null, partitions(read, reachedLive));
                    break;
                }
            } finally {
                if (!stopped) subscription.close();
            }
            LOG.log(System.Logger.Level.INFO, "projection {0}: rebuilt, the copy is live", name());
        } catch (InterruptedException e) {
            fail(started, "interrupted");
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "projection " + name() + ": rebuild failed; the copy is dropped", e);
            fail(started, e.toString());
        }
    }

    /** Whether the copy has read everything the log held when this looked; reports the progress either way. */
    private boolean replayedToTheEnd(ProjectionCopies.Copy<V> copy, Instant started) {
        var ends = endOffsets.apply(projection.topic());
        var checkpoints = copy.store().nextOffsets();
        report(started, RebuildProgress.Phase.REPLAYING, ends, checkpoints);
        return reached(checkpoints, ends);
    }

    /**
     * Waits, holding the live commits, until the copy has read as far as the live projection had committed;
     * false when it has not within {@link #HOLD}.
     */
    private boolean reachedWhileHeld(ProjectionCopies.Copy<V> copy, Map<TopicPartition, Long> live)
            throws InterruptedException {
        long deadline = System.nanoTime() + HOLD.toNanos();
        while (!reached(copy.store().nextOffsets(), live)) {
            if (System.nanoTime() > deadline) return false;
            if (closing.await(10, TimeUnit.MILLISECONDS)) throw new IllegalStateException("the process is stopping");
        }
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> checkpoints, Map<TopicPartition, Long> targets) {
        for (var target : targets.entrySet())
            if (target.getKey().topic().equals(projection.topic())
                    && checkpoints.getOrDefault(target.getKey(), 0L) < target.getValue()) return false;
        return true;
    }

    private void report(Instant started, RebuildProgress.Phase phase, Map<TopicPartition, Long> ends,
                        Map<TopicPartition, Long> checkpoints) {
        progress = new RebuildProgress(name(), phase, started, null, null, partitions(checkpoints, ends));
    }

    private void fail(Instant started, String why) {
        progress = new RebuildProgress(name(), RebuildProgress.Phase.FAILED, started, clock.instant(), why,
                progress.partitions());
    }

    private List<RebuildProgress.Partition> partitions(Map<TopicPartition, Long> checkpoints,
                                                       Map<TopicPartition, Long> ends) {
        var numbers = new TreeSet<Integer>();
        ends.keySet().forEach(partition -> numbers.add(partition.partition()));
        checkpoints.keySet().stream().filter(partition -> partition.topic().equals(projection.topic()))
                .forEach(partition -> numbers.add(partition.partition()));
        var rows = new ArrayList<RebuildProgress.Partition>();
        for (int number : numbers) {
            var partition = new TopicPartition(projection.topic(), number);
            rows.add(new RebuildProgress.Partition(number, checkpoints.getOrDefault(partition, 0L),
                    ends.getOrDefault(partition, 0L)));
        }
        return rows;
    }

    /** Stops a running rebuild (its copy is dropped) and waits for its thread. */
    @Override
    public void close() throws InterruptedException {
        Thread thread;
        synchronized (this) {
            closing.countDown();
            thread = running;
        }
        if (thread != null) thread.join(Duration.ofSeconds(15));
    }

    /** The copy's engine under a consumer group of its own, so the live projectors' partitions are left alone. */
    private final class CopySink implements EventSink {
        private final ProjectionEngine<V> engine;

        CopySink(ProjectionEngine<V> engine) {
            this.engine = engine;
        }

        @Override
        public String name() {
            return engine.name() + "-rebuild";
        }

        @Override
        public String topic() {
            return engine.topic();
        }

        @Override
        public Map<TopicPartition, Long> nextOffsets() {
            return engine.nextOffsets();
        }

        @Override
        public void accept(List<Delivery> deliveries) {
            engine.accept(deliveries);
        }
    }
}
