package dev.precinct.adapters.kafka;

import dev.precinct.core.event.Delivery;
import dev.precinct.core.port.EventSink;
import dev.precinct.core.port.EventSource;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Feeds projections from Kafka. Each subscription owns one {@link KafkaConsumer} in the consumer group
 * {@code precinct-projection-<sink name>}, used only by the subscription's platform thread
 * {@code projection-<sink name>}, and calls the sink on a second platform thread,
 * {@code projection-<sink name>-apply}, one batch at a time: while the sink commits one batch, the next is polled
 * and decoded (a replay spends as much time decoding as waiting for its store). A batch is handed to the sink only
 * once the sink has taken the one before; when the sink throws, the batch decoded meanwhile is dropped and reading
 * starts again at the sink's checkpoint, as below. Before a rebalance changes the assignment, and before the
 * subscription stops, the batch in hand is let finish, so a sink never takes records of a partition this consumer
 * no longer holds (exactly as when polling waited for the sink).
 *
 * <p>Every partition the group assigns is read from the sink's own checkpoint ({@link EventSink#nextOffsets()},
 * from the beginning when the sink has none); the group's committed offsets are written after each batch for
 * monitoring tools only and never decide where reading starts. When the sink throws (its store is down), the
 * subscription logs it, waits (1 s, doubling up to 10 s while the failures go on) and reads again from the sink's
 * checkpoint, so no record is skipped and none is applied twice; an exception from the consumer is handled the
 * same way. Records that are not Precinct events reach the sink as {@link dev.precinct.core.event.PoisonRecord}s. While
 * the sink is {@link EventSink#paused() paused} its partitions are paused: the consumer keeps polling (and its place
 * in the group) but hands the sink nothing.
 *
 * <p>Thread-safe; {@link #subscribe} does not block. Closing a subscription blocks until its thread has stopped
 * and closed its consumer (up to 10 s for that); the sink is not called after that.
 */
public final class KafkaEventSource implements EventSource {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSource.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The most records one batch holds. A projection that keeps up gets what arrived since the last poll (a few
     * records); one that catches up or replays gets full batches, and its per-batch costs (the look-ups, the
     * transaction) are spread over more events.
     */
    public static final int MAX_POLL_RECORDS = 2_000;

    private final Properties consumerBase;
    private final KafkaEventCodec codec;

    /**
     * @param consumerBase the connection settings of the consumers ({@code bootstrap.servers}, security); the
     *                     settings the subscriptions depend on are set over them
     */
    public KafkaEventSource(Properties consumerBase, KafkaEventCodec codec) {
        this.consumerBase = new Properties();
        this.consumerBase.putAll(Objects.requireNonNull(consumerBase, "consumerBase"));
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Starts reading {@code sink.topic()} for {@code sink} on a new thread; close the result to stop. Throws a
     * {@link org.apache.kafka.common.KafkaException} when the consumer settings are invalid.
     */
    @Override
    public AutoCloseable subscribe(EventSink sink) {
        var subscription = new Subscription(sink, new KafkaConsumer<>(consumerConfig(sink.name())));
        subscription.thread.start();
        return subscription;
    }

    private Properties consumerConfig(String sinkName) {
        var config = new Properties();
        config.putAll(consumerBase);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "precinct-projection-" + sinkName);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
        return config;
    }

    private final class Subscription implements AutoCloseable, ConsumerRebalanceListener {
        private final EventSink sink;
        private final Consumer<String, byte[]> consumer;
        private final Thread thread;
        /** Runs {@link EventSink#accept}, one batch at a time. */
        private final ExecutorService applier;
        private final CountDownLatch closing = new CountDownLatch(1);
        /** Whether the consumer's positions may differ from the sink's checkpoint; only the thread touches it. */
        private boolean repositionNeeded;
        /** The batch the sink is taking, or null; only the thread touches it. */
        private Future<?> applying;
        /** The group offsets to commit (for monitoring) once {@link #applying} has succeeded. */
        private Map<TopicPartition, OffsetAndMetadata> applyingOffsets;

        Subscription(EventSink sink, Consumer<String, byte[]> consumer) {
            this.sink = sink;
            this.consumer = consumer;
            this.thread = Thread.ofPlatform().name("projection-" + sink.name()).daemon().unstarted(this::run);
            this.applier = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().name("projection-" + sink.name() + "-apply").daemon().factory());
        }

        private void run() {
            try {
                consumer.subscribe(List.of(sink.topic()), this);
                readUntilClosed();
            } catch (InterruptedException e) {
                // Nothing but close() should end the thread; an interrupt ends it the same way.
            } finally {
                try {
                    settleQuietly();
                } finally {
                    applier.shutdownNow();
                    try {
                        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
                    } catch (RuntimeException e) {
                        LOG.warn("projection {} could not close its consumer cleanly", sink.name(), e);
                    }
                }
            }
        }

        private void readUntilClosed() throws InterruptedException {
            var backoff = FIRST_BACKOFF;
            while (!isClosing()) {
                try {
                    if (repositionNeeded) {
                        settle();
                        reposition();
                    }
                    followPause();
                    deliver(consumer.poll(POLL_TIMEOUT));
                    backoff = FIRST_BACKOFF;
                } catch (WakeupException e) {
                    // close() woke the consumer up: the loop ends.
                } catch (RuntimeException e) {
                    LOG.warn("projection {} failed to read or apply events of {}; reading again from its "
                            + "checkpoint in {} ms", sink.name(), sink.topic(), backoff.toMillis(), e);
                    repositionNeeded = true;
                    if (closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) return;
                    var doubled = backoff.multipliedBy(2);
                    backoff = doubled.compareTo(MAX_BACKOFF) < 0 ? doubled : MAX_BACKOFF;
                }
            }
        }

        /**
         * Pauses every assigned partition while the sink is paused (the consumer still polls, so it keeps its place
         * in the group), and resumes them when it is not.
         */
        private void followPause() {
            if (sink.paused()) consumer.pause(consumer.assignment());
            else if (!consumer.paused().isEmpty()) consumer.resume(consumer.paused());
        }

        /**
         * Decodes {@code records} (while the sink may still be taking the previous batch), waits for the sink to
         * have taken that one, and hands it these. Throws what the sink threw for the previous batch; these records
         * are then dropped, and read again from the checkpoint.
         */
        private void deliver(ConsumerRecords<String, byte[]> records) throws InterruptedException {
            if (records.isEmpty()) {
                // nothing new: a finished batch's failure or offsets need not wait for the next records
                if (applying != null && applying.isDone()) settle();
                return;
            }
            if (sink.paused()) {
                // paused since the poll (or a partition assigned during it): read these again from the checkpoint
                repositionNeeded = true;
                return;
            }
            var batch = new ArrayList<Delivery>(records.count());
            var next = new HashMap<TopicPartition, OffsetAndMetadata>();
            for (var record : records) {
                batch.add(codec.fromRecord(record));
                next.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
            settle();
            if (sink.paused()) {
                repositionNeeded = true;
                return;
            }
            applyingOffsets = next;
            applying = applier.submit(() -> sink.accept(batch));
        }

        /**
         * Waits until the sink has taken the batch in hand, if any, then commits its offsets to the group (for
         * monitoring only). Throws what the sink threw; then the consumer must be put back at the checkpoint.
         */
        private void settle() throws InterruptedException {
            if (applying == null) return;
            var offsets = applyingOffsets;
            try {
                // interrupted, the batch stays in hand: stopping waits for it again
                applying.get();
            } catch (ExecutionException e) {
                applying = null;
                applyingOffsets = null;
                repositionNeeded = true;
                switch (e.getCause()) {
                    case RuntimeException failure -> throw failure;
                    case Error error -> throw error;
                    default -> throw new IllegalStateException(e.getCause());
                }
            }
            applying = null;
            applyingOffsets = null;
            consumer.commitAsync(offsets, (committed, exception) -> {
                if (exception != null)
                    LOG.debug("projection {} could not commit its offsets for monitoring", sink.name(), exception);
            });
        }

        /**
         * {@link #settle()} where nothing can be thrown (a rebalance callback, stopping): a failure of the sink is
         * logged and the consumer put back at the checkpoint before it reads again.
         */
        private void settleQuietly() {
            try {
                settle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("projection {} failed to apply events of {}; reading again from its checkpoint",
                        sink.name(), sink.topic(), e);
            }
        }

        /**
         * Puts every assigned partition at the sink's checkpoint, or at its beginning when the sink has none for
         * it. Throws when the sink cannot tell its checkpoint; the flag then stays set and the next try repeats it.
         */
        private void reposition() {
            repositionNeeded = true;
            var checkpoint = new HashMap<TopicPartition, Long>();
            sink.nextOffsets().forEach((partition, offset) ->
                    checkpoint.put(new TopicPartition(partition.topic(), partition.partition()), offset));
            var fromStart = new ArrayList<TopicPartition>();
            for (var partition : consumer.assignment()) {
                var offset = checkpoint.get(partition);
                if (offset == null) fromStart.add(partition);
                else consumer.seek(partition, offset);
            }
            // An empty collection would mean every assigned partition.
            if (!fromStart.isEmpty()) consumer.seekToBeginning(fromStart);
            repositionNeeded = false;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // The batch in hand first, so that the checkpoint read next is the sink's latest.
            settleQuietly();
            // All of the assignment, not just the new partitions: a failed repositioning may be pending for the
            // others. A failure here surfaces from poll() before any record of these partitions is fetched.
            reposition();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // The sink commits its checkpoint with each batch: there is nothing to save, but the batch in hand must
            // be taken before another consumer may read these partitions.
            settleQuietly();
        }

        private boolean isClosing() {
            return closing.getCount() == 0;
        }

        /**
         * Stops the thread and waits until it has closed the consumer. Idempotent. When the waiting thread is
         * interrupted it returns at once with its interrupt flag set; the subscription still stops.
         */
        @Override
        public void close() {
            closing.countDown();
            consumer.wakeup();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
