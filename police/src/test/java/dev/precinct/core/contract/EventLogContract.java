package dev.precinct.core.contract;

import dev.precinct.core.event.Delivery;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.police.officer.Officers;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.EventSink;
import dev.precinct.core.port.EventSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import static dev.precinct.police.officer.OfficerFixtures.aRegisterOfficer;
import static dev.precinct.police.officer.OfficerFixtures.aRegisterOfficerRequested;
import static dev.precinct.police.officer.OfficerFixtures.aUniqueBadge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What an event log must do, seen through its {@link EventPublisher} and {@link EventSource}: every published
 * event reaches a subscribed sink once, in publish order per aggregate, at the position the publisher reported;
 * reading resumes at the sink's own checkpoint; a closed subscription delivers nothing more.
 *
 * <p>The log may be shared with other tests and already hold events: sinks start at the end offsets taken before
 * publishing, and assertions look only at the events of this test's unique badges.
 */
public abstract class EventLogContract {
    /** How long a test waits for an event to travel from the publisher to a sink. */
    protected static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = Officers.TOPIC;

    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private EventPublisher publisher;
    private EventSource source;

    /** The publisher of the log under test; called once before each test. */
    protected abstract EventPublisher publisher();

    /** A source that reads the log {@link #publisher()} writes to; called once before each test. */
    protected abstract EventSource source();

    /**
     * The offset after the last record of each partition of {@code topic}, now; a partition left out is empty. A
     * sink starting there sees only what is published later.
     */
    protected abstract Map<TopicPartition, Long> endOffsets(String topic);

    @BeforeEach
    void openLog() {
        publisher = publisher();
        source = source();
    }

    @AfterEach
    void closeSubscriptions() throws Exception {
        for (var subscription : subscriptions) subscription.close();
    }

    @Test
    void subscribedSinkGetsEveryEventOnceInPublishOrderPerAggregateAtThePublishedPositions() throws Exception {
        var start = endOffsets(TOPIC);
        var badges = List.of(aUniqueBadge(), aUniqueBadge(), aUniqueBadge());
        var events = new ArrayList<EventEnvelope>();
        for (int round = 0; round < 4; round++)
            for (var badge : badges) events.add(aRegisterOfficerRequested(aRegisterOfficer(badge)));
        var positions = publishAll(events);

        var sink = new RecordingSink(aSinkName(), TOPIC, start);
        subscribe(sink);

        var received = sink.awaitEvents(ids(events), WAIT);
        assertEquals(events.size(), received.size(), "every event once");
        for (var badge : badges)
            assertEquals(events.stream().filter(e -> e.subject().equals(badge)).toList(),
                    received.stream().map(RecordedEvent::event).filter(e -> e.subject().equals(badge)).toList(),
                    "the events of " + badge + " in publish order");
        for (var recorded : received)
            assertEquals(positions.get(recorded.event().eventId()), recorded.position(),
                    "the position the publisher reported");
    }

    @Test
    void sinkStartingAPartitionAtAnOffsetReceivesNothingOfItBelowThatOffset() throws Exception {
        var start = endOffsets(TOPIC);
        var badge = aUniqueBadge();
        var events = new ArrayList<EventEnvelope>();
        for (int i = 0; i < 5; i++) events.add(aRegisterOfficerRequested(aRegisterOfficer(badge)));
        var positions = publishAll(events);
        var from = positions.get(events.get(2).eventId());
        var partition = new TopicPartition(TOPIC, from.partition());
        var offsets = new HashMap<>(start);
        offsets.put(partition, from.offset());

        var sink = new RecordingSink(aSinkName(), TOPIC, offsets);
        subscribe(sink);

        var received = sink.awaitEvents(ids(events.subList(2, 5)), WAIT);
        assertEquals(events.subList(2, 5), received.stream().map(RecordedEvent::event).toList());
        for (var delivery : sink.deliveries())
            if (delivery.position().partition() == from.partition())
                assertTrue(delivery.position().offset() >= from.offset(), () -> "delivered " + delivery.position()
                        + " below the sink's start " + from.offset());
    }

    @Test
    void resubscribingTheSameSinkContinuesAtItsCheckpointWithoutGapsOrRepeats() throws Exception {
        var start = endOffsets(TOPIC);
        var badge = aUniqueBadge();
        var before = List.of(aRegisterOfficerRequested(aRegisterOfficer(badge)),
                aRegisterOfficerRequested(aRegisterOfficer(badge)), aRegisterOfficerRequested(aRegisterOfficer(badge)));
        var after = List.of(aRegisterOfficerRequested(aRegisterOfficer(badge)),
                aRegisterOfficerRequested(aRegisterOfficer(badge)), aRegisterOfficerRequested(aRegisterOfficer(badge)));
        var sink = new RecordingSink(aSinkName(), TOPIC, start);
        publishAll(before);
        var first = source.subscribe(sink);
        subscriptions.add(first);
        sink.awaitEvents(ids(before), WAIT);
        first.close();
        publishAll(after);

        subscribe(sink);

        var all = new ArrayList<>(before);
        all.addAll(after);
        var received = sink.awaitEvents(ids(all), WAIT);
        assertEquals(all, received.stream().map(RecordedEvent::event).toList());
    }

    @Test
    void closedSubscriptionDeliversNothingMore() throws Exception {
        var start = endOffsets(TOPIC);
        var badge = aUniqueBadge();
        var first = aRegisterOfficerRequested(aRegisterOfficer(badge));
        var second = aRegisterOfficerRequested(aRegisterOfficer(badge));
        var closed = new RecordingSink(aSinkName(), TOPIC, start);
        var subscription = source.subscribe(closed);
        subscriptions.add(subscription);
        publishAll(List.of(first));
        closed.awaitEvents(ids(List.of(first)), WAIT);

        subscription.close();
        int deliveredWhenClosed = closed.deliveries().size();
        publishAll(List.of(second));

        // A second subscription getting the event shows it was there to be delivered.
        var witness = new RecordingSink(aSinkName(), TOPIC, start);
        subscribe(witness);
        witness.awaitEvents(ids(List.of(first, second)), WAIT);
        assertEquals(deliveredWhenClosed, closed.deliveries().size());
    }

    /** Publishes {@code events} in order and waits until the log has stored them all; their positions by id. */
    protected final Map<UUID, EventPosition> publishAll(List<EventEnvelope> events)
            throws InterruptedException, ExecutionException, TimeoutException {
        var futures = new ArrayList<CompletableFuture<EventPosition>>();
        for (var event : events) futures.add(publisher.publish(event));
        var positions = new HashMap<UUID, EventPosition>();
        for (int i = 0; i < events.size(); i++)
            positions.put(events.get(i).eventId(), futures.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        return positions;
    }

    /** Subscribes {@code sink} until the end of the test. */
    protected final void subscribe(EventSink sink) {
        subscriptions.add(source.subscribe(sink));
    }

    /** A sink name no other test uses, so each test has a consumer group of its own. */
    protected static String aSinkName() {
        return "test-" + UUID.randomUUID();
    }

    private static List<UUID> ids(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::eventId).toList();
    }

    /**
     * A sink that records what it is given and keeps its checkpoint in memory, as a projection keeps it in its
     * store. It can be told to fail, as a projection does when its store is down.
     */
    public static final class RecordingSink implements EventSink {
        private final String name;
        private final String topic;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition accepted = lock.newCondition();
        private final Map<TopicPartition, Long> checkpoint;
        private final List<Delivery> deliveries = new ArrayList<>();
        private int failuresToCome;
        private int checkpointFailuresToCome;

        /** A sink that starts reading at {@code nextOffsets}; partitions left out start at their beginning. */
        public RecordingSink(String name, String topic, Map<TopicPartition, Long> nextOffsets) {
            this.name = name;
            this.topic = topic;
            this.checkpoint = new HashMap<>(nextOffsets);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public Map<TopicPartition, Long> nextOffsets() {
            lock.lock();
            try {
                if (checkpointFailuresToCome > 0) {
                    checkpointFailuresToCome--;
                    throw new IllegalStateException("the sink's store is down (a test failure)");
                }
                return Map.copyOf(checkpoint);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void accept(List<Delivery> batch) {
            lock.lock();
            try {
                if (failuresToCome > 0) {
                    failuresToCome--;
                    throw new IllegalStateException("the sink's store is down (a test failure)");
                }
                for (var delivery : batch) {
                    var position = delivery.position();
                    checkpoint.put(new TopicPartition(position.topic(), position.partition()), position.offset() + 1);
                    deliveries.add(delivery);
                }
                accepted.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Makes the next {@code times} batches fail without taking them. */
        public void failNext(int times) {
            lock.lock();
            try {
                failuresToCome = times;
            } finally {
                lock.unlock();
            }
        }

        /** Makes the next {@code times} reads of the checkpoint fail. */
        public void failNextCheckpointReads(int times) {
            lock.lock();
            try {
                checkpointFailuresToCome = times;
            } finally {
                lock.unlock();
            }
        }

        /** Everything the sink has taken, in the order it took it. */
        public List<Delivery> deliveries() {
            lock.lock();
            try {
                return List.copyOf(deliveries);
            } finally {
                lock.unlock();
            }
        }

        /**
         * Waits until the sink has taken every event of {@code eventIds}, then returns all it took of them, in the
         * order it took them (repeats included). Fails the test after {@code timeout}.
         */
        public List<RecordedEvent> awaitEvents(Collection<UUID> eventIds, Duration timeout)
                throws InterruptedException {
            var wanted = new HashSet<>(eventIds);
            var taken = awaitDeliveries(deliveries -> recorded(deliveries, wanted).stream()
                    .map(r -> r.event().eventId()).distinct().count() == wanted.size(), timeout);
            return recorded(taken, wanted);
        }

        /** Waits until what the sink has taken satisfies {@code condition}; fails the test after {@code timeout}. */
        public List<Delivery> awaitDeliveries(Predicate<List<Delivery>> condition, Duration timeout)
                throws InterruptedException {
            lock.lock();
            try {
                long nanos = timeout.toNanos();
                while (!condition.test(deliveries)) {
                    if (nanos <= 0)
                        fail("sink " + name + " did not get what was expected within " + timeout + "; it took "
                                + deliveries.size() + " records, the last ones "
                                + deliveries.subList(Math.max(0, deliveries.size() - 10), deliveries.size()));
                    nanos = accepted.awaitNanos(nanos);
                }
                return List.copyOf(deliveries);
            } finally {
                lock.unlock();
            }
        }

        private static List<RecordedEvent> recorded(List<Delivery> deliveries, Collection<UUID> eventIds) {
            return deliveries.stream()
                    .filter(RecordedEvent.class::isInstance)
                    .map(RecordedEvent.class::cast)
                    .filter(recorded -> eventIds.contains(recorded.event().eventId()))
                    .toList();
        }
    }
}
