package dev.precinct.core.projection;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Principal;
import dev.precinct.core.event.EventEnvelope;
import java.time.Instant;
import java.util.Objects;

/**
 * A row of the command-status read model: the final outcome of one command.
 *
 * @param reason     why it was rejected; null when applied
 * @param acceptedAt when the event was created (its CloudEvents time)
 * @param appliedAt  when the projection decided it
 */
public record CommandStatusView(CorrelationId correlationId, CommandId commandId, String commandType,
                                CommandStatus status, String reason, String resource, Principal issuedBy,
                                Instant acceptedAt, Instant appliedAt) {
    public CommandStatusView {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(commandType, "commandType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }

    /** The command-status projection: the outcome of {@code event} given its projection's decision. Pure. */
    public static CommandStatusView of(EventEnvelope event, Decision<?> decision, Instant appliedAt) {
        var resource = event.type().resourceOf(event.data());
        return switch (decision) {
            case Decision.Applied<?> a -> new CommandStatusView(event.correlationId(), event.commandId(),
                    event.type().name(), CommandStatus.APPLIED, null, resource, event.issuedBy(), event.time(), appliedAt);
            case Decision.Rejected<?> r -> new CommandStatusView(event.correlationId(), event.commandId(),
                    event.type().name(), CommandStatus.REJECTED, r.reason(), resource, event.issuedBy(), event.time(),
                    appliedAt);
        };
    }
}
