package dev.precinct.core.port;

import dev.precinct.core.log.TopicPartition;

import java.util.Map;

/**
 * Fresh copies of one projection's storage, for rebuilding it from the start of the log while readers keep
 * reading the live storage, and the atomic switch from the live storage to a rebuilt copy. One rebuild of a
 * projection runs at a time, across every process sharing the storage. Blocking; throws an unchecked exception when
 * the storage is unreachable.
 *
 * @param <V> the read model's row
 */
public interface ProjectionCopies<V> {
    /**
     * Claims the projection's rebuild and makes an empty copy of its storage beside the live one (dropping what an
     * earlier, unfinished rebuild left). Throws {@link IllegalStateException} when a rebuild of the projection is
     * already running, here or in another process.
     */
    Copy<V> create();

    /**
     * A copy being filled. Used by one thread; {@link #close()} always, whether it was switched to or not.
     *
     * @param <V> the read model's row
     */
    interface Copy<V> extends AutoCloseable {
        /** The copy's storage: empty at first, with checkpoints, outcomes and parked records of its own. */
        ProjectionStore<V> store();

        /**
         * Holds back the live storage's commits (they wait, none fails) until {@link #switchOver()} or
         * {@link #release()}, and returns its checkpoints as of now: the copy must reach them before the switch.
         */
        Map<TopicPartition, Long> holdLive();

        /** Lets the live storage commit again, after {@link #holdLive()}, when the copy is not switched to. */
        void release();

        /**
         * Puts the copy in the live storage's place in one transaction (held since {@link #holdLive()}): its rows,
         * checkpoints and parked records replace the live ones, and its command outcomes replace theirs. The copy
         * must not be written to after this; readers of the live storage read the copy's rows from then on.
         */
        void switchOver();

        /** Drops the copy unless it was switched to, and gives up the rebuild's claim. */
        @Override
        void close();
    }
}
