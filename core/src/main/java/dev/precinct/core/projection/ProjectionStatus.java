package dev.precinct.core.projection;

import java.util.List;
import java.util.Objects;

/**
 * Where a projection stands, partition by partition: its checkpoint, the log's end, the lag between them and how
 * many records it has parked there, whether it runs here, is paused here, is being rebuilt from here or runs in
 * another process, and the progress of its latest rebuild started from here.
 *
 * @param rebuild the latest rebuild this process started, running or ended; {@code null} when there was none
 */
public record ProjectionStatus(String name, String topic, State state, List<Partition> partitions,
                               RebuildProgress rebuild) {
    public ProjectionStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(state, "state");
        partitions = List.copyOf(partitions);
    }

    /** A projection that this process has not rebuilt. */
    public ProjectionStatus(String name, String topic, State state, List<Partition> partitions) {
        this(name, topic, state, partitions, null);
    }

    /** Whether the projection consumes its topic in this process. */
    public enum State {
        /** Consuming here. */
        RUNNING,
        /** Paused here by an operator: reads nothing until resumed. */
        PAUSED,
        /** Being rebuilt from this process into a fresh copy (see {@link #rebuild()}); the live copy serves on. */
        REBUILDING,
        /** Not run by this process (an edge without projectors): its stores are shown, it is paused elsewhere. */
        REMOTE
    }

    /**
     * @param checkpoint the next offset the projection reads (0 when it has read nothing)
     * @param endOffset  the offset the log will give the next record
     * @param lag        records not yet read: {@code endOffset - checkpoint}, never negative
     * @param parked     records of this partition the projection has parked
     */
    public record Partition(int partition, long checkpoint, long endOffset, long lag, int parked) {
    }
}
