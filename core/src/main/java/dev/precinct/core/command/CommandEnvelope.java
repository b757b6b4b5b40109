package dev.precinct.core.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A command on its way from the edge to the event log, with the ids and the principal that travel with it.
 *
 * @param traceparent the W3C trace context, never null (the edge starts one when the client sent none)
 */
public record CommandEnvelope(CommandType<?> type, Command data, CommandId commandId, CorrelationId correlationId,
                              Principal principal, String traceparent) {
    public CommandEnvelope {
        Objects.requireNonNull(type, "type");
        type.cast(Objects.requireNonNull(data, "data"));
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(traceparent, "traceparent");
    }

    /** This command with other data (the same command with its generated ids filled in). */
    public CommandEnvelope withData(Command data) {
        return new CommandEnvelope(type, data, commandId, correlationId, principal, traceparent);
    }

    /** This command under another correlation id. */
    public CommandEnvelope withCorrelationId(CorrelationId correlationId) {
        return new CommandEnvelope(type, data, commandId, correlationId, principal, traceparent);
    }

    /**
     * A digest of the command's type and data: two requests with one idempotency key are the same command when
     * their fingerprints are equal. Ids are not part of it.
     */
    public String fingerprint() {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(type.name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(data.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
