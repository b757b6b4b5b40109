package dev.precinct.adapters.nats;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.port.ProjectionListener;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Republishes every event a projection applied, after its commit, on NATS: one core-NATS message per event on
 * {@code precinct.events.<ce_type>} (e.g. {@code precinct.events.RegisterOfficerRequested}), its body the Kafka
 * record's value (the command's data as JSON) and its headers the Kafka record's CloudEvents headers, with the same
 * names and values ({@code ce_specversion}, {@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_subject},
 * {@code ce_time}, {@code ce_correlationid}, {@code ce_commandid}, {@code ce_issuedby}, {@code ce_schemaversion}, {@code content-type},
 * {@code traceparent}). Rejected events, duplicates and parked records are not republished.
 *
 * <p>At most once: a message published while NATS is away goes into jnats's reconnect buffer, and is lost when that
 * buffer is full or the process stops; nothing is replayed. Subscribers that must see every event read Kafka. Never
 * blocks beyond jnats's buffered publish; never throws (a failed publish is logged).
 */
public final class NatsEventFanOut implements ProjectionListener {
    /** The subjects' common prefix; subscribe to {@code precinct.events.>} for every type. */
    public static final String SUBJECT_PREFIX = "precinct.events.";
    private static final Logger LOG = LoggerFactory.getLogger(NatsEventFanOut.class);

    private final Connection connection;
    private final JsonCodec codec;

    public NatsEventFanOut(Connection connection, JsonCodec codec) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The subject an event is republished on: {@code precinct.events.<ce_type>}. */
    public static String subjectOf(EventEnvelope event) {
        return SUBJECT_PREFIX + event.eventType();
    }

    @Override
    public void decided(Collection<CorrelationId> correlationIds) {
        // only the applied events are passed on
    }

    @Override
    public void applied(List<EventEnvelope> events) {
        try {
            for (var event : events) connection.publish(subjectOf(event), headersOf(event), codec.commands().encode(event.data()));
        } catch (RuntimeException e) {
            LOG.warn("{} applied events not republished on {}>: {}", events.size(), SUBJECT_PREFIX, e.toString());
        }
    }

    /** The CloudEvents headers of the event, as its Kafka record carries them (docs/CONTRACT.md, "Kafka (events)"). */
    static Headers headersOf(EventEnvelope event) {
        return new Headers()
                .add("ce_specversion", "1.0")
                .add("ce_id", event.eventId().toString())
                .add("ce_source", event.source())
                .add("ce_type", event.eventType())
                .add("ce_subject", event.subject())
                .add("ce_time", event.time().toString())
                .add("ce_correlationid", event.correlationId().toString())
                .add("ce_commandid", event.commandId().value())
                .add("ce_issuedby", event.issuedBy().name())
                .add("ce_schemaversion", Integer.toString(event.type().eventVersion()))
                .add("content-type", "application/json")
                .add("traceparent", event.traceparent());
    }
}
