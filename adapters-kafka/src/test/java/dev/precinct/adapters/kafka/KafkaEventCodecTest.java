package dev.precinct.adapters.kafka;

import dev.precinct.police.Police;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.event.Delivery;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.event.PoisonRecord;
import dev.precinct.core.event.RecordedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static dev.precinct.police.officer.OfficerFixtures.aRegisterOfficer;
import static dev.precinct.police.officer.OfficerFixtures.aRegisterOfficerRequested;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaEventCodecTest {
    private static final KafkaEventCodec CODEC = new KafkaEventCodec(new JsonCodec(Police.catalog()), Police.catalog());

    @Test
    void anEventSurvivesTheRoundTripWithItsPosition() {
        var event = aRegisterOfficerRequested();

        var delivery = CODEC.fromRecord(consumed(CODEC.toRecord(event)));

        assertEquals(new RecordedEvent(event, new EventPosition("precinct.officers", 2, 41)), delivery);
    }

    @Test
    void aPoisonRecordKeepsTheRecordAsStored() {
        var record = CODEC.toRecord(aRegisterOfficerRequested());
        var value = "{\"badgeNumber\":".getBytes(StandardCharsets.UTF_8);

        var poison = (PoisonRecord) CODEC.fromRecord(consumed(record.key(), value, record));

        assertEquals(record.key(), poison.key());
        assertArrayEquals(value, poison.record().value());
        assertEquals(12, poison.record().headers().size());
        assertEquals("ce_specversion", poison.record().headers().getFirst().name());
    }

    @Test
    void anEventEncodedAsItsRecordDecodesAgain() {
        var event = aRegisterOfficerRequested();
        var position = new EventPosition("precinct.officers", 1, 7);

        var delivery = CODEC.decode(position, CODEC.encode(event));

        assertEquals(new RecordedEvent(event, position), delivery);
    }

    @Test
    void recordIsKeyedByTheAggregateOnItsCommandsTopic() {
        var event = aRegisterOfficerRequested();

        var record = CODEC.toRecord(event);

        assertEquals("precinct.officers", record.topic());
        assertEquals(event.subject(), record.key());
        assertNull(record.partition());
    }

    @Test
    void aTombstoneIsPoison() {
        var record = CODEC.toRecord(aRegisterOfficerRequested());

        var delivery = CODEC.fromRecord(consumed(record.key(), null, record));

        assertPoison(delivery, "the record has no value");
    }

    @Test
    void anotherCloudEventsVersionIsPoison() {
        assertPoison(CODEC.fromRecord(consumed(withHeader("ce_specversion", "0.3"))), "ce_specversion is 0.3, not 1.0");
    }

    @Test
    void anotherContentTypeIsPoisonButParametersAreAllowed() {
        assertPoison(CODEC.fromRecord(consumed(withHeader("content-type", "application/avro"))),
                "content-type is application/avro, not application/json");
        assertInstanceOf(RecordedEvent.class,
                CODEC.fromRecord(consumed(withHeader("content-type", "application/json; charset=utf-8"))));
    }

    @Test
    void invalidIdsAndTimesArePoisonAndAllAreNamed() {
        var record = withHeader("ce_id", "not-a-uuid");
        record.headers().remove("ce_time").add(header("ce_time", "yesterday"));
        record.headers().remove("ce_commandid").add(header("ce_commandid", ""));

        var delivery = CODEC.fromRecord(consumed(record));

        assertPoison(delivery, "ce_id not-a-uuid is invalid");
        assertPoison(delivery, "ce_time yesterday is invalid");
        assertPoison(delivery, "ce_commandid  is invalid");
    }

    @Test
    void aSubjectOrKeyThatIsNotTheAggregateIdIsPoison() {
        var record = withHeader("ce_subject", "B-OTHER");

        var delivery = CODEC.fromRecord(consumed("B-ELSE", record.value(), record));

        assertPoison(delivery, "ce_subject B-OTHER is not the aggregate id");
        assertPoison(delivery, "the key B-ELSE is not the aggregate id");
    }

    @Test
    void theLastOfRepeatedHeadersCounts() {
        var event = aRegisterOfficerRequested();
        var record = CODEC.toRecord(event);
        var repeated = new ProducerRecord<>(record.topic(), null, record.key(), record.value(),
                new RecordHeaders().add(header("ce_type", "Nonsense")));
        record.headers().forEach(repeated.headers()::add);

        var delivery = CODEC.fromRecord(consumed(repeated));

        assertEquals(event, assertInstanceOf(RecordedEvent.class, delivery).event());
    }

    private static ProducerRecord<String, byte[]> withHeader(String name, String value) {
        var record = CODEC.toRecord(aRegisterOfficerRequested(aRegisterOfficer()));
        record.headers().remove(name).add(header(name, value));
        return record;
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        return consumed(record.key(), record.value(), record);
    }

    private static ConsumerRecord<String, byte[]> consumed(String key, byte[] value,
                                                          ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 2, 41, 0L, TimestampType.CREATE_TIME, -1, -1, key, value,
                record.headers(), Optional.empty());
    }

    private static void assertPoison(Delivery delivery, String reason) {
        var poison = assertInstanceOf(PoisonRecord.class, delivery);
        assertEquals(new EventPosition("precinct.officers", 2, 41), poison.position());
        assertTrue(poison.reason().contains(reason), () -> "reason \"" + poison.reason() + "\" says " + reason);
    }
}
