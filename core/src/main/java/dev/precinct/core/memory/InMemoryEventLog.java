package dev.precinct.core.memory;

import dev.precinct.core.event.Delivery;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.log.RawRecord;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.EventLookup;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.EventSink;
import dev.precinct.core.port.EventSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An event log in memory, partitioned by key like the real one, for the embedded mode and tests. Each
 * subscription is served by a thread of its own that hands the sink every new event in batches.
 */
public final class InMemoryEventLog implements EventPublisher, EventSource, EventLookup {
    private static final System.Logger LOG = System.getLogger(InMemoryEventLog.class.getName());
    private static final int MAX_BATCH = 500;
    private static final long RETRY_DELAY_MS = 1_000;
    private static final long PAUSED_CHECK_MS = 100;

    private final int partitions;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Map<TopicPartition, List<Delivery>> log = new HashMap<>();

    public InMemoryEventLog(int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1");
        this.partitions = partitions;
    }

    @Override
    public CompletableFuture<EventPosition> publish(EventEnvelope event) {
        var partition = new TopicPartition(event.topic(), Math.floorMod(event.subject().hashCode(), partitions));
        lock.lock();
        try {
            var records = log.computeIfAbsent(partition, p -> new ArrayList<>());
            var position = new EventPosition(partition.topic(), partition.partition(), records.size());
            records.add(new RecordedEvent(event, position));
            appended.signalAll();
            return CompletableFuture.completedFuture(position);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a record that is no Precinct event (as a broken or foreign producer would), partitioned by its key:
     * subscribers receive it as a {@link PoisonRecord} with {@code reason}.
     */
    public EventPosition appendPoison(String topic, RawRecord record, String reason) {
        var key = record.key() == null ? "" : record.key();
        var partition = new TopicPartition(topic, Math.floorMod(key.hashCode(), partitions));
        lock.lock();
        try {
            var records = log.computeIfAbsent(partition, p -> new ArrayList<>());
            var position = new EventPosition(partition.topic(), partition.partition(), records.size());
            records.add(new PoisonRecord(position, record, reason));
            appended.signalAll();
            return position;
        } finally {
            lock.unlock();
        }
    }

    /** Every event of {@code topic}, partition by partition (poison records left out). */
    public List<RecordedEvent> events(String topic) {
        lock.lock();
        try {
            var all = new ArrayList<RecordedEvent>();
            for (int p = 0; p < partitions; p++)
                for (var delivery : log.getOrDefault(new TopicPartition(topic, p), List.of()))
                    if (delivery instanceof RecordedEvent recorded) all.add(recorded);
            return all;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<RecordedEvent> find(EventEnvelope intended, Instant since) {
        return events(intended.topic()).stream()
                .filter(recorded -> recorded.event().commandId().equals(intended.commandId())
                        && recorded.event().subject().equals(intended.subject())
                        && !recorded.event().time().isBefore(since))
                .findFirst();
    }

    /** The end offset (the offset of the next event) of every partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        lock.lock();
        try {
            var ends = new HashMap<TopicPartition, Long>();
            for (int p = 0; p < partitions; p++) {
                var partition = new TopicPartition(topic, p);
                ends.put(partition, (long) log.getOrDefault(partition, List.of()).size());
            }
            return ends;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AutoCloseable subscribe(EventSink sink) {
        var subscription = new Subscription(sink);
        subscription.thread.start();
        return subscription;
    }

    private final class Subscription implements AutoCloseable {
        private final EventSink sink;
        private final Thread thread;
        private final Condition stopping = lock.newCondition();
        private volatile boolean closed;

        Subscription(EventSink sink) {
            this.sink = sink;
            this.thread = Thread.ofPlatform().name("projection-" + sink.name()).daemon().unstarted(this::run);
        }

        private void run() {
            var next = new HashMap<>(sink.nextOffsets());
            while (!closed) {
                try {
                    var batch = awaitBatch(next);
                    if (batch.isEmpty()) continue;
                    sink.accept(batch);
                    for (var delivery : batch) {
                        var position = delivery.position();
                        next.put(new TopicPartition(position.topic(), position.partition()), position.offset() + 1);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // nothing of the failed batch was committed: go back to the sink's checkpoints and try again
                    LOG.log(System.Logger.Level.ERROR, "projection " + sink.name() + " failed; retrying", e);
                    try {
                        pause(RETRY_DELAY_MS);
                        next = new HashMap<>(sink.nextOffsets());
                    } catch (InterruptedException interrupted) {
                        return;
                    } catch (RuntimeException again) {
                        LOG.log(System.Logger.Level.ERROR, "projection " + sink.name() + " has no checkpoints", again);
                    }
                }
            }
        }

        /** Waits {@code millis}, or less when the subscription closes. */
        private void pause(long millis) throws InterruptedException {
            lock.lock();
            try {
                if (!closed) stopping.await(millis, TimeUnit.MILLISECONDS);
            } finally {
                lock.unlock();
            }
        }

        private List<Delivery> awaitBatch(Map<TopicPartition, Long> next) throws InterruptedException {
            lock.lock();
            try {
                while (!closed) {
                    if (sink.paused()) {
                        // resuming signals nothing here: look again now and then
                        appended.await(PAUSED_CHECK_MS, TimeUnit.MILLISECONDS);
                        continue;
                    }
                    var batch = new ArrayList<Delivery>();
                    for (int p = 0; p < partitions && batch.size() < MAX_BATCH; p++) {
                        var partition = new TopicPartition(sink.topic(), p);
                        var records = log.getOrDefault(partition, List.of());
                        int from = Math.toIntExact(next.getOrDefault(partition, 0L));
                        int to = Math.min(records.size(), from + MAX_BATCH - batch.size());
                        if (from < to) batch.addAll(records.subList(from, to));
                    }
                    if (!batch.isEmpty()) return batch;
                    appended.await();
                }
                return List.of();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            closed = true;
            lock.lock();
            try {
                appended.signalAll();
                stopping.signalAll();
            } finally {
                lock.unlock();
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
