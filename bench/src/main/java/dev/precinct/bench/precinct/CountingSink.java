package dev.precinct.bench.precinct;

import dev.precinct.core.event.Delivery;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.EventSink;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Passes batches on to a sink (a projection engine) and notes when the first one arrived and when the sink had
 * committed {@code expected} records: the clock of a replay.
 */
final class CountingSink implements EventSink {
    private final EventSink sink;
    private final long expected;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private volatile long firstAt;
    private long count;

    CountingSink(EventSink sink, long expected) {
        this.sink = sink;
        this.expected = expected;
    }

    @Override
    public String name() {
        return sink.name();
    }

    @Override
    public String topic() {
        return sink.topic();
    }

    @Override
    public Map<TopicPartition, Long> nextOffsets() {
        return sink.nextOffsets();
    }

    @Override
    public void accept(List<Delivery> deliveries) {
        if (firstAt == 0) firstAt = System.nanoTime();
        sink.accept(deliveries);
        count += deliveries.size();
        if (count >= expected) done.complete(System.nanoTime());
    }

    /** When the first batch arrived ({@link System#nanoTime()}), 0 before. */
    long firstAt() {
        return firstAt;
    }

    /** Completes with the {@link System#nanoTime()} at which the sink had committed every expected record. */
    CompletableFuture<Long> done() {
        return done;
    }
}
