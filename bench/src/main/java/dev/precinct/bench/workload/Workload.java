package dev.precinct.bench.workload;

import dev.precinct.police.Police;
import dev.precinct.core.domain.Catalog;
import dev.precinct.adapters.kafka.KafkaEventCodec;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.police.Location;
import dev.precinct.core.command.Principal;
import dev.precinct.police.observation.Observations;
import dev.precinct.police.observation.RecordObservation;
import dev.precinct.police.officer.Officers;
import dev.precinct.police.officer.RegisterOfficer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commands of the benchmark: officer registrations (acknowledged, through the business logic; each needs a
 * badge never registered before) and plate-read observations (fire-and-forget), as REST bodies for Precinct and as
 * the very Kafka records Precinct writes for them, for the floors. Thread-safe.
 */
public final class Workload {
    public static final String OFFICERS_PATH = "/api/v1/officers";
    public static final String OBSERVATIONS_PATH = "/api/v1/observations";
    /** The principal the floors' records name, as a token's subject would. */
    public static final String PRINCIPAL = "bench";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final byte[] OBSERVATION = """
            {"kind":"PLATE_READ","observedAt":"2026-11-29T08:15:00Z","location":{"lat":51.5,"lon":-0.1},\
            "plate":"AB12CDE"}""".getBytes(StandardCharsets.UTF_8);

    private static final Catalog POLICE = Catalog.of(Police.domain());

    private final String badgePrefix;
    private final AtomicLong badges = new AtomicLong();
    private final KafkaEventCodec codec = new KafkaEventCodec(new JsonCodec(POLICE), POLICE);

    /** @param badgePrefix four characters of {@code [A-Z0-9]} that no other run uses */
    public Workload(String badgePrefix) {
        if (!badgePrefix.matches("[A-Z0-9]{4}")) throw new IllegalArgumentException("badgePrefix must be 4 of [A-Z0-9]");
        this.badgePrefix = badgePrefix;
    }

    /** A badge number never handed out before in this run: {@code PREFIX-<counter in base 36>}. */
    public String nextBadge() {
        return badgePrefix + "-" + Long.toString(badges.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
    }

    public byte[] registerOfficer(String badge) {
        return ("{\"badgeNumber\":\"" + badge + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                + "\"rank\":\"SERGEANT\",\"unit\":\"Central\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A plate read without an observation id: the edge derives a fresh one from each request's command id. */
    public byte[] observation() {
        return OBSERVATION.clone();
    }

    /** The {@code RegisterOfficerRequested} record the business logic writes for {@code badge}, on {@code topic}. */
    public ProducerRecord<String, byte[]> registerOfficerRecord(String topic, String badge) {
        var data = new RegisterOfficer(badge, "Ada", "Lovelace", "SERGEANT", "Central");
        return onTopic(topic, codec.toRecord(new EventEnvelope(UUID.randomUUID(), Officers.REGISTER, data,
                EventEnvelope.SOURCE_BL, Instant.now(), CorrelationId.random(), CommandId.random(),
                new Principal(PRINCIPAL), TRACEPARENT)));
    }

    /** A {@code RecordObservationRequested} event with fresh ids, as the edge writes it. */
    public EventEnvelope observationEvent() {
        var data = new RecordObservation(UUID.randomUUID().toString(), "PLATE_READ", "2026-11-29T08:15:00Z",
                new Location(51.5, -0.1, null), null, null, "AB12CDE", null);
        return new EventEnvelope(UUID.randomUUID(), Observations.RECORD, data, EventEnvelope.SOURCE_EDGE,
                Instant.now(), CorrelationId.random(), CommandId.random(), new Principal(PRINCIPAL), TRACEPARENT);
    }

    /** The record of {@link #observationEvent()}, on {@code topic}. */
    public ProducerRecord<String, byte[]> observationRecord(String topic) {
        return onTopic(topic, codec.toRecord(observationEvent()));
    }

    /** {@code record}'s key, value and headers on another topic. */
    public static ProducerRecord<String, byte[]> onTopic(String topic, ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
    }
}
