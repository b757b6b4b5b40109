package dev.precinct.core.projection;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How far a projection's rebuild has come: its phase, when it started and finished, and per partition how much of
 * the log the fresh copy has read.
 *
 * @param finishedAt when it switched or failed; {@code null} while it runs
 * @param error      why it failed; {@code null} unless {@link Phase#FAILED}
 * @param partitions the copy's checkpoint against the log's end, per partition
 */
public record RebuildProgress(String projection, Phase phase, Instant startedAt, Instant finishedAt, String error,
                              List<Partition> partitions) {
    public RebuildProgress {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        partitions = List.copyOf(partitions);
    }

    /** Where a rebuild is. */
    public enum Phase {
        /** The copy reads the log from its start; queries read the live read model. */
        REPLAYING,
        /** The copy has caught up: the live read model's commits are held while the copy takes its place. */
        SWITCHING,
        /** The copy is the live read model now. */
        DONE,
        /** The copy was dropped; the live read model is as it was. */
        FAILED
    }

    /** Whether the rebuild still runs. */
    public boolean running() {
        return phase == Phase.REPLAYING || phase == Phase.SWITCHING;
    }

    /** Records read of all partitions, from 0 to 1 (1 when the log is empty). */
    public double fraction() {
        long read = 0;
        long total = 0;
        for (var partition : partitions) {
            read += Math.min(partition.checkpoint(), partition.endOffset());
            total += partition.endOffset();
        }
        return total == 0 ? 1.0 : (double) read / total;
    }

    /** @param checkpoint the next offset the copy reads; {@code endOffset} the log's end when last looked at */
    public record Partition(int partition, long checkpoint, long endOffset) {
    }
}
