package dev.precinct.adapters.kafka;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.police.Police;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static dev.precinct.adapters.kafka.KafkaTestSupport.aClosedPort;
import static dev.precinct.adapters.kafka.KafkaTestSupport.bootstrap;
import static dev.precinct.police.officer.OfficerFixtures.aRegisterOfficerRequested;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search for an earlier attempt's event, on the real broker. */
class KafkaEventLookupIT {
    private static final KafkaEventCodec CODEC = new KafkaEventCodec(new JsonCodec(Police.catalog()), Police.catalog());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    private static KafkaEventPublisher publisher;

    @BeforeAll
    static void start() {
        try (var cluster = KafkaCluster.connect(bootstrap())) {
            cluster.ensureTopics(Police.catalog().topics(), 6, (short) 1, KafkaTopics.KEEP_FOREVER);
        }
        // the publishes only set the scene: give them room on a busy machine
        publisher = new KafkaEventPublisher(
                new KafkaProducer<>(KafkaEventPublisher.producerConfig(bootstrap(), PUBLISH_TIMEOUT)), CODEC);
    }

    @AfterAll
    static void stop() {
        if (publisher != null) publisher.close();
    }

    private static KafkaEventLookup lookup(String bootstrap) {
        var base = new Properties();
        base.put("bootstrap.servers", bootstrap);
        return new KafkaEventLookup(base, CODEC, TIMEOUT);
    }

    private static RecordedEvent published(EventEnvelope event) throws Exception {
        return new RecordedEvent(event, publisher.publish(event)
                .get(PUBLISH_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS));
    }

    @Test
    void anEarlierAttemptsEventIsFoundWithItsPositionAndItsOwnIds() throws Exception {
        var since = Instant.now().minusSeconds(1);
        var earlier = published(aRegisterOfficerRequested());
        published(aRegisterOfficerRequested());
        var retry = EventEnvelope.of(envelopeOf(earlier.event()), EventEnvelope.SOURCE_BL, Instant.now());

        var found = lookup(bootstrap()).find(retry, since);

        assertEquals(Optional.of(earlier), found);
    }

    @Test
    void anEventOfAnotherCommandIdIsNotFound() throws Exception {
        var since = Instant.now().minusSeconds(1);
        var other = published(aRegisterOfficerRequested()).event();
        var sameKeyOtherCommand = new EventEnvelope(other.eventId(), other.type(), other.data(), other.source(),
                other.time(), other.correlationId(), CommandId.random(), other.issuedBy(), other.traceparent());

        var found = lookup(bootstrap()).find(sameKeyOtherCommand, since);

        assertEquals(Optional.empty(), found);
    }

    @Test
    void anEventPublishedBeforeTheSearchedTimeIsNotFound() throws Exception {
        var event = published(aRegisterOfficerRequested()).event();

        var found = lookup(bootstrap()).find(event, Instant.now().plusSeconds(60));

        assertEquals(Optional.empty(), found);
    }

    @Test
    void aSearchOfABrokerThatIsNotThereFailsInsteadOfHanging() {
        assertThrows(KafkaException.class,
                () -> lookup("127.0.0.1:" + aClosedPort()).find(aRegisterOfficerRequested(), Instant.now()));
    }

    private static CommandEnvelope envelopeOf(EventEnvelope event) {
        return new CommandEnvelope(event.type(), event.data(), event.commandId(),
                CorrelationId.random(), event.issuedBy(), event.traceparent());
    }
}
