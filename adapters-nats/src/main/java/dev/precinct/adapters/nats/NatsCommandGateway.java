package dev.precinct.adapters.nats;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandTimeoutException;
import dev.precinct.core.command.Hop;
import dev.precinct.core.command.ServiceUnavailableException;
import dev.precinct.core.port.CommandGateway;
import dev.precinct.core.port.HopTimings;
import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.impl.Headers;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The edge's {@link CommandGateway} over NATS request/reply: one request on the command's subject, with the
 * contract's headers, answered by any instance of the business-logic queue group. Never blocks.
 * The connection must come from {@link NatsConnections#connect} (it relies on its no-responders and time-out
 * reporting). Records the round trip of each request as the {@link Hop#NATS} hop.
 */
public final class NatsCommandGateway implements CommandGateway {
    private final Connection connection;
    private final JsonCodec codec;
    private final Duration timeout;
    private final HopTimings timings;

    public NatsCommandGateway(Connection connection, JsonCodec codec, Duration timeout) {
        this(connection, codec, timeout, HopTimings.NONE);
    }

    public NatsCommandGateway(Connection connection, JsonCodec codec, Duration timeout, HopTimings timings) {
        this.connection = connection;
        this.codec = codec;
        this.timeout = timeout;
        this.timings = timings;
    }

    @Override
    public CompletableFuture<Acceptance> send(CommandEnvelope command) {
        var subject = command.type().natsSubject();
        if (subject.isEmpty())
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    command.type().name() + " is fire-and-forget: it has no business-logic service"));
        if (!NatsConnections.isConnected(connection))
            return CompletableFuture.failedFuture(new ServiceUnavailableException(
                    "the business-logic service is unreachable (NATS is " + connection.getStatus() + ")", null));
        var headers = new Headers()
                .put(NatsHeaders.COMMAND_ID, command.commandId().value())
                .put(NatsHeaders.CORRELATION_ID, command.correlationId().toString())
                .put(NatsHeaders.PRINCIPAL, command.principal().name())
                .put(NatsHeaders.TRACEPARENT, command.traceparent());
        CompletableFuture<io.nats.client.Message> reply;
        long started = System.nanoTime();
        try {
            // jnats fails timed-out requests only when it sweeps its pending requests (every 5 s by default): bound
            // the wait here, so that the edge answers 504 at the request timeout
            reply = connection.requestWithTimeout(subject.get(), headers,
                    codec.commands().encode(command.data()), timeout).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new ServiceUnavailableException("NATS refused the request", e));
        }
        return reply.handle((message, error) -> {
            var took = Duration.ofNanos(System.nanoTime() - started);
            if (error == null) {
                var acceptance = codec.replies().decode(message.getData());
                timings.record(Hop.NATS, command.type().name(), outcome(acceptance), took);
                return acceptance;
            }
            var translated = translate(error instanceof CompletionException ? error.getCause() : error);
            timings.record(Hop.NATS, command.type().name(), switch (translated) {
                case CommandTimeoutException timedOut -> "timeout";
                case ServiceUnavailableException unavailable -> "unavailable";
                default -> "error";
            }, took);
            throw new CompletionException(translated);
        });
    }

    private static String outcome(Acceptance acceptance) {
        return switch (acceptance) {
            case Acceptance.Accepted accepted -> "accepted";
            case Acceptance.Rejected rejected -> "rejected";
            case Acceptance.Failed failed -> "failed";
        };
    }

    private Throwable translate(Throwable error) {
        return switch (error) {
            case JetStreamStatusException noResponders ->
                    new ServiceUnavailableException("no business-logic service is answering", noResponders);
            case TimeoutException timedOut -> new CommandTimeoutException(
                    "the business-logic service did not answer within " + timeout.toMillis() + " ms", timedOut);
            case CancellationException cancelled ->
                    new ServiceUnavailableException("the NATS connection is closing", cancelled);
            default -> error;
        };
    }
}
