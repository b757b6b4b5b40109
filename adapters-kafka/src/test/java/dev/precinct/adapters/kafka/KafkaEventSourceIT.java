package dev.precinct.adapters.kafka;

import dev.precinct.police.Police;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.event.Delivery;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.EventSink;
import dev.precinct.core.contract.EventLogContract.RecordingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.precinct.adapters.kafka.KafkaTestSupport.aNewTopic;
import static dev.precinct.adapters.kafka.KafkaTestSupport.bootstrap;
import static dev.precinct.police.officer.OfficerFixtures.aRegisterOfficer;
import static dev.precinct.police.officer.OfficerFixtures.aRegisterOfficerRequested;
import static dev.precinct.police.officer.OfficerFixtures.aUniqueBadge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaEventSourceIT {
    private static final KafkaEventCodec CODEC = new KafkaEventCodec(new JsonCodec(Police.catalog()), Police.catalog());
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaEventSource source = new KafkaEventSource(KafkaTestSupport.consumerBase(), CODEC);
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    @AfterEach
    void closeSubscriptions() throws Exception {
        for (var subscription : subscriptions) subscription.close();
    }

    @Test
    void badRecordsArriveAsPoisonRecordsWithReasonsAndTheGoodOnesAroundThemStillArrive() throws Exception {
        var topic = aNewTopic(1);
        var badge = aUniqueBadge();
        var first = aRegisterOfficerRequested(aRegisterOfficer(badge));
        var last = aRegisterOfficerRequested(aRegisterOfficer(badge));
        var template = recordOf(topic, aRegisterOfficerRequested(aRegisterOfficer(badge)));
        send(List.of(
                recordOf(topic, first),
                withValue(template, "not json at all"),
                withValue(template, "{\"badgeNumber\":\"" + badge + "\"}"),
                withHeader(template, "ce_type", "SomethingElseRequested"),
                without(template, "ce_id", "ce_time"),
                recordOf(topic, last)));
        var sink = new RecordingSink("test-" + UUID.randomUUID(), topic, Map.of());

        subscribe(sink);

        var deliveries = sink.awaitDeliveries(d -> d.size() >= 6, WAIT);
        assertEquals(6, deliveries.size());
        assertEquals(first, assertInstanceOf(RecordedEvent.class, deliveries.get(0)).event());
        assertPoison(deliveries.get(1), badge, "not valid JSON");
        assertPoison(deliveries.get(2), badge, "firstName is required");
        assertPoison(deliveries.get(3), badge, "ce_type SomethingElseRequested is not a known event type");
        assertPoison(deliveries.get(4), badge, "missing headers ce_id, ce_time");
        assertEquals(last, assertInstanceOf(RecordedEvent.class, deliveries.get(5)).event());
        for (int i = 0; i < deliveries.size(); i++)
            assertEquals(new EventPosition(topic, 0, i), deliveries.get(i).position());
    }

    @Test
    void afterTheSinkFailsReadingResumesAtItsCheckpointWithoutSkippingOrRepeating() throws Exception {
        var topic = aNewTopic(2);
        var events = new ArrayList<EventEnvelope>();
        for (int i = 0; i < 6; i++) events.add(aRegisterOfficerRequested());
        send(events.subList(0, 3).stream().map(e -> recordOf(topic, e)).toList());
        var sink = new RecordingSink("test-" + UUID.randomUUID(), topic, Map.of());
        sink.failNext(2);

        subscribe(sink);
        sink.awaitEvents(ids(events.subList(0, 3)), WAIT);
        send(events.subList(3, 6).stream().map(e -> recordOf(topic, e)).toList());

        var received = sink.awaitEvents(ids(events), WAIT);
        assertEquals(events.size(), received.size(), "every event once");
        assertEquals(events.size(), sink.deliveries().size(), "nothing else");
    }

    @Test
    void groupOffsetsAreCommittedForMonitoringButNeverDecideWhereReadingStarts() throws Exception {
        var topic = aNewTopic(1);
        var events = List.of(aRegisterOfficerRequested(), aRegisterOfficerRequested(), aRegisterOfficerRequested());
        send(events.stream().map(e -> recordOf(topic, e)).toList());
        var name = "test-" + UUID.randomUUID();
        var reader = new RecordingSink(name, topic, Map.of());
        var subscription = source.subscribe(reader);
        subscriptions.add(subscription);
        reader.awaitEvents(ids(events), WAIT);
        subscription.close();
        assertEquals(3L, committedOffset("precinct-projection-" + name, topic));

        var rebuilt = new RecordingSink(name, topic, Map.of());
        subscribe(rebuilt);

        var received = rebuilt.awaitEvents(ids(events), WAIT);
        assertEquals(events, received.stream().map(RecordedEvent::event).toList());
    }

    @Test
    void aSinkThatCannotTellItsCheckpointIsAskedAgainInsteadOfReadingFromTheGroupOffsets() throws Exception {
        var topic = aNewTopic(1);
        var events = List.of(aRegisterOfficerRequested(), aRegisterOfficerRequested(), aRegisterOfficerRequested());
        send(events.stream().map(e -> recordOf(topic, e)).toList());
        var name = "test-" + UUID.randomUUID();
        var reader = new RecordingSink(name, topic, Map.of());
        var subscription = source.subscribe(reader);
        subscriptions.add(subscription);
        reader.awaitEvents(ids(events), WAIT);
        subscription.close();
        var rebuilt = new RecordingSink(name, topic, Map.of());
        rebuilt.failNextCheckpointReads(1);

        subscribe(rebuilt);

        var received = rebuilt.awaitEvents(ids(events), WAIT);
        assertEquals(events, received.stream().map(RecordedEvent::event).toList());
    }

    @Test
    void whileTheNextBatchIsReadTheSinkStillTakesOneBatchAtATimeEveryEventOnceInOrder() throws Exception {
        var topic = aNewTopic(3);
        var events = new ArrayList<EventEnvelope>();
        for (int i = 0; i < 6_000; i++) events.add(aRegisterOfficerRequested());
        sendAll(events.stream().map(e -> recordOf(topic, e)).toList());
        var recording = new RecordingSink("test-" + UUID.randomUUID(), topic, Map.of());
        var sink = new OneAtATimeSink(recording);
        recording.failNext(1);

        subscriptions.add(source.subscribe(sink));

        var received = recording.awaitEvents(ids(events), WAIT);
        assertEquals(events.size(), received.size(), "every event once");
        assertEquals(events.size(), recording.deliveries().size(), "nothing else");
        assertEquals(List.of(), sink.overlaps(), "the sink was called while it was still taking a batch");
        assertTrue(sink.batches() > 3, "several batches: " + sink.batches());
        var lastOffsets = new HashMap<Integer, Long>();
        for (var delivery : recording.deliveries()) {
            var position = delivery.position();
            var previous = lastOffsets.put(position.partition(), position.offset());
            if (previous != null) assertEquals(previous + 1, position.offset(), "in log order at " + position);
        }
    }

    /** Records every call that starts while another call to the sink is still running. */
    private static final class OneAtATimeSink implements EventSink {
        private final RecordingSink sink;
        private final AtomicBoolean busy = new AtomicBoolean();
        private final List<String> overlaps = new CopyOnWriteArrayList<>();
        private final AtomicInteger batches = new AtomicInteger();

        OneAtATimeSink(RecordingSink sink) {
            this.sink = sink;
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
        public Map<dev.precinct.core.log.TopicPartition, Long> nextOffsets() {
            enter("nextOffsets");
            try {
                return sink.nextOffsets();
            } finally {
                busy.set(false);
            }
        }

        @Override
        public void accept(List<Delivery> deliveries) {
            enter("accept");
            try {
                batches.incrementAndGet();
                sink.accept(deliveries);
            } finally {
                busy.set(false);
            }
        }

        private void enter(String call) {
            if (!busy.compareAndSet(false, true)) overlaps.add(call);
        }

        List<String> overlaps() {
            return List.copyOf(overlaps);
        }

        int batches() {
            return batches.get();
        }
    }

    private static void sendAll(List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (var producer = KafkaTestSupport.plainProducer()) {
            var sent = new ArrayList<Future<?>>();
            for (var record : records) sent.add(producer.send(record));
            for (var each : sent) each.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void subscribe(RecordingSink sink) {
        subscriptions.add(source.subscribe(sink));
    }

    private static void assertPoison(Delivery delivery, String key, String reason) {
        var poison = assertInstanceOf(PoisonRecord.class, delivery);
        assertEquals(key, poison.key());
        assertTrue(poison.reason().contains(reason), () -> "reason \"" + poison.reason() + "\" says " + reason);
    }

    private static ProducerRecord<String, byte[]> recordOf(String topic, EventEnvelope event) {
        var record = CODEC.toRecord(event);
        return new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, String value) {
        return new ProducerRecord<>(record.topic(), null, record.key(), value.getBytes(StandardCharsets.UTF_8),
                record.headers());
    }

    private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> record, String name,
                                                            String value) {
        var changed = new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers());
        changed.headers().remove(name);
        changed.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        return changed;
    }

    private static ProducerRecord<String, byte[]> without(ProducerRecord<String, byte[]> record, String... names) {
        var changed = new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers());
        for (var name : names) changed.headers().remove(name);
        return changed;
    }

    private static void send(List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (var producer = KafkaTestSupport.plainProducer()) {
            for (var record : records) producer.send(record).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static long committedOffset(String group, String topic) throws Exception {
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return offsets.get(new org.apache.kafka.common.TopicPartition(topic, 0)).offset();
        }
    }

    private static List<UUID> ids(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::eventId).toList();
    }
}
