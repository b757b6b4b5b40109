package dev.precinct.adapters.rest;

import dev.precinct.core.command.CommandEnvelope;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import org.slf4j.MDC;

import java.util.Optional;

/**
 * The ids of one request's work, for the log lines about it: correlation id, command id, principal and trace id.
 * Kept on the exchange, put in the MDC of whichever thread logs about the request.
 */
record RequestContext(String correlationId, String commandId, String principal, String traceId) {
    private static final AttachmentKey<CommandEnvelope> COMMAND = AttachmentKey.create(CommandEnvelope.class);

    /** Remembers the command a request carries, so its log lines name it. */
    static void remember(HttpServerExchange exchange, CommandEnvelope command) {
        exchange.putAttachment(COMMAND, command);
    }

    /** The command a request carries, once decoded. */
    static Optional<CommandEnvelope> command(HttpServerExchange exchange) {
        return Optional.ofNullable(exchange.getAttachment(COMMAND));
    }

    static RequestContext of(HttpServerExchange exchange) {
        var command = exchange.getAttachment(COMMAND);
        var caller = exchange.getAttachment(Guard.CALLER);
        if (command == null)
            return new RequestContext(null, null, caller == null ? null : caller.principal().name(), null);
        return new RequestContext(command.correlationId().toString(), command.commandId().value(),
                command.principal().name(), traceIdOf(command.traceparent()));
    }

    /** The trace id of a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}). */
    static String traceIdOf(String traceparent) {
        return traceparent.length() >= 35 ? traceparent.substring(3, 35) : traceparent;
    }

    /** Puts these ids in the MDC until the returned scope is closed. */
    MdcScope inMdc() {
        put("correlationId", correlationId);
        put("commandId", commandId);
        put("principal", principal);
        put("traceId", traceId);
        return () -> {
            MDC.remove("correlationId");
            MDC.remove("commandId");
            MDC.remove("principal");
            MDC.remove("traceId");
        };
    }

    private static void put(String key, String value) {
        if (value != null) MDC.put(key, value);
    }

    /** Takes the ids out of the MDC again. */
    interface MdcScope extends AutoCloseable {
        @Override
        void close();
    }
}
