package dev.precinct.codec.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Rejection;
import dev.precinct.core.command.Violation;
import dev.precinct.core.log.EventPosition;

import java.util.List;

/**
 * The wire form of an {@link Acceptance}: the NATS reply, and the REST 202 body. Each status has its own fields;
 * the others are absent, as are a rejection's violations when it has none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Reply(String status, String commandId, String correlationId, String commandType, String resource,
             EventPosition event, String code, String reason, List<Violation> violations, Boolean retryable) {

    static Reply of(Acceptance acceptance) {
        return switch (acceptance) {
            case Acceptance.Accepted a -> new Reply("ACCEPTED", a.commandId().value(), a.correlationId().toString(),
                    a.commandType(), a.resource(), a.event(), null, null, null, null);
            case Acceptance.Rejected r -> new Reply("REJECTED", r.commandId().value(), r.correlationId().toString(),
                    null, null, null, r.code().name(), r.reason(), r.violations().isEmpty() ? null : r.violations(),
                    null);
            case Acceptance.Failed f -> new Reply("FAILED", f.commandId().value(), f.correlationId().toString(),
                    null, null, null, f.code().name(), f.reason(), null, f.retryable());
        };
    }

    /** Throws {@link RuntimeException}s when the reply is not one {@link #of} writes. */
    Acceptance acceptance() {
        var commandId = new CommandId(commandId());
        var correlationId = CorrelationId.parse(correlationId());
        return switch (status) {
            case "ACCEPTED" -> new Acceptance.Accepted(commandId, correlationId, commandType, resource, event);
            case "REJECTED" -> new Acceptance.Rejected(commandId, correlationId, new Rejection(
                    Acceptance.Code.valueOf(code), reason, violations == null ? List.of() : violations));
            case "FAILED" -> new Acceptance.Failed(commandId, correlationId, Acceptance.Code.valueOf(code), reason,
                    Boolean.TRUE.equals(retryable));
            default -> throw new IllegalArgumentException("unknown status " + status);
        };
    }
}
