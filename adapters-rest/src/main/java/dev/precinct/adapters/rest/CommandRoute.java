package dev.precinct.adapters.rest;

import dev.precinct.codec.json.DecodedCommand;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CommandTimeoutException;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.TraceContext;
import dev.precinct.core.command.ServiceUnavailableException;
import dev.precinct.core.port.CommandGateway;
import dev.precinct.core.port.Traces;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.SameThreadExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The REST route of one request/reply command: checks the request's shape, sends the command through the
 * gateway and maps the acceptance to the contract's status codes. Never blocks the IO thread: the body is read
 * asynchronously and the response is written when the gateway's future completes.
 */
final class CommandRoute implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRoute.class);
    private static final HttpString IDEMPOTENCY_KEY = new HttpString("Idempotency-Key");
    private static final HttpString TRACEPARENT = new HttpString("traceparent");
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final int DRAIN_FACTOR = 16;

    private final CommandType<?> type;
    private final CommandGateway gateway;
    private final JsonCodec codec;
    private final Responses responses;
    private final int maxBodyBytes;
    private final EdgeObserver observer;
    private final Traces traces;
    private final String spanName;

    CommandRoute(CommandType<?> type, CommandGateway gateway, JsonCodec codec, Responses responses, int maxBodyBytes,
                 EdgeObserver observer, Traces traces) {
        this.traces = traces;
        this.spanName = "edge " + type.name();
        this.type = type;
        this.gateway = gateway;
        this.codec = codec;
        this.responses = responses;
        this.maxBodyBytes = maxBodyBytes;
        this.observer = observer;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long started = System.nanoTime();
        // no span, and nothing built for one, when no tracing backend is configured
        var startedAt = traces == Traces.NONE ? null : Instant.now();
        exchange.addExchangeCompleteListener((done, next) -> {
            long took = System.nanoTime() - started;
            var outcome = outcomeOf(done.getStatusCode());
            observer.command(type, outcome, took);
            if (startedAt != null)
                RequestContext.command(done).ifPresent(command -> traces.span(spanName, command.traceparent(),
                        startedAt, Duration.ofNanos(took), Map.of("precinct.command_id", command.commandId().value(),
                                "precinct.outcome", outcome, "http.response.status_code",
                                Integer.toString(done.getStatusCode()))));
            next.proceed();
        });
        var caller = exchange.getAttachment(Guard.CALLER);
        if (!type.allowsAnyRoleOf(caller)) {
            forbidden(exchange, "the token's roles do not allow " + type.name());
            return;
        }
        if (!isJson(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
            responses.problem(exchange, 415, "Unsupported media type", "send the command as application/json");
            return;
        }
        if (exchange.getRequestContentLength() > maxBodyBytes) {
            exchange.setPersistent(false);
            tooLarge(exchange);
            return;
        }
        var key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
        if (key != null && !CommandId.isValid(key)) {
            responses.problem(exchange, 400, "Bad request",
                    "Idempotency-Key must be 1 to 128 printable ASCII characters");
            return;
        }
        if (exchange.getRequestContentLength() >= 0) {
            // the length is known and within the limit: read it into one buffer
            exchange.getRequestReceiver().receiveFullBytes(
                    (ex, body) -> ex.dispatch(SameThreadExecutor.INSTANCE, () -> send(ex, key, body)),
                    (ex, error) -> LOG.debug("reading a {} body failed", type.name(), error));
        } else {
            receiveChunked(exchange, key);
        }
    }

    /**
     * A chunked body: counted as it arrives. Past the limit the rest is read and dropped, and 413 answered when
     * the body ends, so a client still sending gets to read the answer; past {@link #DRAIN_FACTOR} times the limit
     * the connection is closed instead.
     */
    private void receiveChunked(HttpServerExchange exchange, String key) {
        var body = new ByteArrayOutputStream();
        var received = new long[1];
        exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
            received[0] += chunk.length;
            if (received[0] <= maxBodyBytes) body.write(chunk, 0, chunk.length);
            if (received[0] > (long) maxBodyBytes * DRAIN_FACTOR) {
                ex.getRequestReceiver().pause();
                ex.setPersistent(false);
                tooLarge(ex);
            } else if (last) {
                if (received[0] > maxBodyBytes) tooLarge(ex);
                else ex.dispatch(SameThreadExecutor.INSTANCE, () -> send(ex, key, body.toByteArray()));
            }
        }, (ex, error) -> LOG.debug("reading a {} body failed", type.name(), error));
    }

    private void forbidden(HttpServerExchange exchange, String detail) {
        responses.problem(exchange, 403, "Forbidden", detail);
    }

    private void tooLarge(HttpServerExchange exchange) {
        responses.problem(exchange, 413, "Content too large",
                "the body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private void send(HttpServerExchange exchange, String key, byte[] body) {
        var decoded = codec.commands().decode(type, body, pathFields(exchange));
        if (decoded instanceof DecodedCommand.Malformed malformed) {
            responses.problem(exchange, 400, "Bad request", malformed.detail(), null, malformed.violations());
            return;
        }
        var data = ((DecodedCommand.Valid) decoded).data();
        var caller = exchange.getAttachment(Guard.CALLER);
        if (!type.permits(caller, data)) {
            forbidden(exchange, "the token's roles allow " + type.name() + " only about the caller themselves");
            return;
        }
        var command = new CommandEnvelope(type, data, key == null ? CommandId.random() : new CommandId(key),
                CorrelationId.random(), caller.principal(),
                TraceContext.continueOrStart(exchange.getRequestHeaders().getFirst(TRACEPARENT)));
        RequestContext.remember(exchange, command);
        gateway.send(command).whenComplete((acceptance, error) -> {
            if (error == null) respond(exchange, acceptance);
            else failed(exchange, command, error instanceof CompletionException ? error.getCause() : error);
        });
    }

    private void respond(HttpServerExchange exchange, Acceptance acceptance) {
        switch (acceptance) {
            case Acceptance.Accepted accepted -> {
                exchange.getResponseHeaders()
                        .put(Headers.LOCATION, "/api/v1/commands/" + accepted.correlationId())
                        .put(Responses.CORRELATION_ID, accepted.correlationId().toString());
                responses.json(exchange, 202, codec.replies().encode(accepted));
            }
            case Acceptance.Rejected rejected -> {
                var status = switch (rejected.code()) {
                    case CONFLICT, IN_PROGRESS -> 409;
                    case NOT_FOUND -> 404;
                    case UNAUTHORIZED -> 403;
                    case VALIDATION_FAILED, IDEMPOTENCY_KEY_REUSED -> 422;
                    case PUBLISH_FAILED -> 503;
                };
                var title = switch (rejected.code()) {
                    case CONFLICT -> "Conflict";
                    case NOT_FOUND -> "Not found";
                    case IN_PROGRESS -> "Command in progress";
                    case UNAUTHORIZED -> "Forbidden";
                    case VALIDATION_FAILED -> "Validation failed";
                    case IDEMPOTENCY_KEY_REUSED -> "Idempotency key reused";
                    case PUBLISH_FAILED -> "Service unavailable";
                };
                if (status == 503) exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
                responses.problem(exchange, status, title, rejected.reason(), rejected.correlationId(),
                        rejected.violations());
            }
            case Acceptance.Failed failed -> {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
                responses.problem(exchange, 503, "Service unavailable", failed.reason(), failed.correlationId(), null);
            }
        }
    }

    private void failed(HttpServerExchange exchange, CommandEnvelope command, Throwable error) {
        switch (error) {
            case ServiceUnavailableException unavailable -> {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
                responses.problem(exchange, 503, "Service unavailable",
                        unavailable.getMessage() + "; nothing was accepted", command.correlationId(), null);
            }
            case CommandTimeoutException timeout -> responses.problem(exchange, 504, "Gateway timeout",
                    timeout.getMessage() + "; the outcome is unknown, retry with the same Idempotency-Key",
                    command.correlationId(), null);
            default -> {
                try (var ignored = RequestContext.of(exchange).inMdc()) {
                    LOG.error("{} {} failed", type.name(), command.correlationId(), error);
                }
                responses.problem(exchange, 500, "Internal server error",
                        "the command could not be processed; retry with the same Idempotency-Key",
                        command.correlationId(), null);
            }
        }
    }

    /** The outcome label of a command answered with {@code status}. */
    static String outcomeOf(int status) {
        return switch (status) {
            case 202 -> "accepted";
            case 404, 409, 422 -> "rejected";
            case 503 -> "unavailable";
            case 504 -> "timeout";
            default -> status < 500 ? "refused" : "error";
        };
    }

    private static Map<String, String> pathFields(HttpServerExchange exchange) {
        var match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        return match == null ? Map.of() : new HashMap<>(match.getParameters());
    }

    static boolean isJson(String contentType) {
        if (contentType == null) return false;
        int semicolon = contentType.indexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }
}
