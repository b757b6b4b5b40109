package dev.precinct.core.log;

import java.util.Objects;

/** One partition of one topic of the event log; the unit of ordering and of projection checkpoints. */
public record TopicPartition(String topic, int partition) {
    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
