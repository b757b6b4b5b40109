package dev.precinct.core.command;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends commands from inside the JVM, down the same path as the edge's REST routes (the business-logic service
 * over the command bus, or straight to the event log for fire-and-forget commands), and answers the same
 * {@link Acceptance} a {@code 202} (or its problem) carries. Thread-safe; never blocks the caller: the answer comes
 * with the future, which fails only when the transport fails ({@link ServiceUnavailableException},
 * {@link CommandTimeoutException}: outcome unknown, safe to send again with the same idempotency key).
 */
public interface CommandClient {
    /**
     * Sends {@code data} as a {@code type} command of {@code caller}, with {@code idempotencyKey} as its command id
     * (a new UUID when empty). Refused ({@link Acceptance.Rejected} with {@link Acceptance.Code#UNAUTHORIZED})
     * when the caller's roles do not allow it, as the edge answers 403.
     */
    <C extends Command> CompletableFuture<Acceptance> send(CommandType<C> type, C data, Caller caller,
                                                           Optional<String> idempotencyKey);

    /** {@link #send(CommandType, Command, Caller, Optional)} with a new command id. */
    default <C extends Command> CompletableFuture<Acceptance> send(CommandType<C> type, C data, Caller caller) {
        return send(type, data, caller, Optional.empty());
    }
}
