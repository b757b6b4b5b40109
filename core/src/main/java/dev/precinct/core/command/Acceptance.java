package dev.precinct.core.command;

import dev.precinct.core.log.EventPosition;
import java.util.List;
import java.util.Objects;

/**
 * The business-logic service's answer to a command: accepted (durably in the event log), rejected (nothing was
 * published) or failed (the event log did not take it; nothing was published or remembered).
 * Adapters map it with a switch over the sealed type.
 */
public sealed interface Acceptance {
    CommandId commandId();

    CorrelationId correlationId();

    /**
     * The reason codes of the wire contract. {@code NOT_FOUND} (the resource a command addresses does not exist,
     * REST 404) extends the contract's list, which has no code for it.
     */
    enum Code { VALIDATION_FAILED, CONFLICT, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, IN_PROGRESS, PUBLISH_FAILED, UNAUTHORIZED }

    /** The event is in the log at {@code event}; the outcome follows in the command-status read model. */
    record Accepted(CommandId commandId, CorrelationId correlationId, String commandType, String resource,
                    EventPosition event) implements Acceptance {
        public Accepted {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(commandType, "commandType");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(event, "event");
        }
    }

    /** Refused before publishing; nothing reached the event log. */
    record Rejected(CommandId commandId, CorrelationId correlationId, Rejection rejection) implements Acceptance {
        public Rejected {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(rejection, "rejection");
        }

        public Code code() {
            return rejection.code();
        }

        public String reason() {
            return rejection.reason();
        }

        public List<Violation> violations() {
            return rejection.violations();
        }
    }

    /** The event log did not take the event; nothing is remembered, so the client may retry with the same key. */
    record Failed(CommandId commandId, CorrelationId correlationId, Code code, String reason, boolean retryable)
            implements Acceptance {
        public Failed {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
