package dev.precinct.core.port;

import dev.precinct.core.event.Delivery;
import dev.precinct.core.log.TopicPartition;

import java.util.List;
import java.util.Map;

/**
 * What an {@link EventSource} feeds: a projection, which keeps its own checkpoints. Called by one thread at a
 * time per sink.
 */
public interface EventSink {
    /** The sink's name: its consumer group. */
    String name();

    /** The topic it reads. */
    String topic();

    /** The next offset to read per partition, from the sink's own store; absent partitions start at 0. */
    Map<TopicPartition, Long> nextOffsets();

    /** Takes the next records of one or more partitions, in log order per partition, and commits their effect. */
    void accept(List<Delivery> deliveries);

    /**
     * Whether an operator paused the sink: while it is, the source hands it nothing (and keeps its place in the
     * consumer group). Sources ask often; must not block.
     */
    default boolean paused() {
        return false;
    }
}
