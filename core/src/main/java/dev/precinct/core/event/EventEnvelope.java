package dev.precinct.core.event;

import dev.precinct.core.command.Command;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code <Command>Requested} event: the command's data and the CloudEvents attributes that travel with it in the
 * event log's headers.
 *
 * @param eventId     the CloudEvents id
 * @param source      {@code precinct/bl} or {@code precinct/edge}
 * @param time        when the event was created
 * @param traceparent the W3C trace context of the command
 */
public record EventEnvelope(UUID eventId, CommandType<?> type, Command data, String source, Instant time,
                            CorrelationId correlationId, CommandId commandId, Principal issuedBy,
                            String traceparent) {
    public static final String SOURCE_BL = "precinct/bl";
    public static final String SOURCE_EDGE = "precinct/edge";

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        type.cast(Objects.requireNonNull(data, "data"));
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(traceparent, "traceparent");
    }

    /** The event of an accepted command. */
    public static EventEnvelope of(CommandEnvelope command, String source, Instant time) {
        return new EventEnvelope(UUID.randomUUID(), command.type(), command.data(), source, time,
                command.correlationId(), command.commandId(), command.principal(), command.traceparent());
    }

    /** The CloudEvents subject and the event log key: the aggregate id. */
    public String subject() {
        return data.aggregateId();
    }

    /** The CloudEvents type, e.g. {@code RegisterOfficerRequested}. */
    public String eventType() {
        return type.eventType();
    }

    public String topic() {
        return type.topic();
    }
}
