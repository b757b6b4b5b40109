package dev.precinct.codec.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.command.Violation;

import java.util.List;

/** The wire form of an {@link dev.precinct.core.command.Acceptance}: the NATS reply, and the REST 202 body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Reply(String status, String commandId, String correlationId, String commandType, String resource,
             EventPosition event, String code, String reason, List<Violation> violations, Boolean retryable) {
}
