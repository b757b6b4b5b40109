package dev.precinct.adapters.nats;

import dev.precinct.codec.json.DecodedCommand;
import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CommandType;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Principal;
import dev.precinct.core.command.Rejection;
import dev.precinct.core.command.TraceContext;
import dev.precinct.core.command.Violation;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.port.CommandHandler;
import dev.precinct.core.port.Traces;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.service.Service;
import io.nats.service.ServiceEndpoint;
import io.nats.service.ServiceMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The business-logic service on NATS: the micro service {@code precinct-bl}, one endpoint per request/reply
 * command of the catalog, all in the queue group {@code precinct-bl} so instances share the load. Each request is
 * handed from the NATS dispatcher thread to a virtual thread, where the (blocking) {@link CommandHandler} runs;
 * every request gets a reply, a malformed one a REJECTED reply. A request without a well-formed {@code traceparent}
 * header starts a new trace (W3C Trace Context); it is not refused.
 */
public final class NatsCommandService implements AutoCloseable {
    public static final String SERVICE_NAME = "precinct-bl";
    public static final String QUEUE_GROUP = "precinct-bl";
    private static final Logger LOG = LoggerFactory.getLogger(NatsCommandService.class);

    private final Connection connection;
    private final CommandHandler handler;
    private final JsonCodec codec;
    private final Traces traces;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Service service;

    /** Registers the service and starts answering, recording no spans. */
    public NatsCommandService(Connection connection, Catalog catalog, CommandHandler handler, JsonCodec codec) {
        this(connection, catalog, handler, codec, Traces.NONE);
    }

    /**
     * Registers the service with an endpoint per request/reply command of {@code catalog} and starts answering; each
     * answered request is a span in its command's trace.
     */
    public NatsCommandService(Connection connection, Catalog catalog, CommandHandler handler, JsonCodec codec,
                              Traces traces) {
        this.connection = connection;
        this.handler = handler;
        this.codec = codec;
        this.traces = traces;
        var builder = Service.builder()
                .connection(connection)
                .name(SERVICE_NAME)
                .description("Precinct business logic: validates, deduplicates and publishes commands")
                .version("0.1.0");
        for (var type : catalog.commands()) {
            type.natsSubject().ifPresent(subject -> builder.addServiceEndpoint(ServiceEndpoint.builder()
                    .endpointName(type.name())
                    .endpointSubject(subject)
                    .endpointQueueGroup(QUEUE_GROUP)
                    .handler(message -> workers.execute(() -> answer(type, message)))
                    .build()));
        }
        service = builder.build();
        service.startService();
        awaitSubscriptions(connection);
        LOG.info("business-logic service {} answering on NATS", SERVICE_NAME);
    }

    /** Returns once the server has the endpoints' subscriptions, so a request sent next finds a responder. */
    private static void awaitSubscriptions(Connection connection) {
        try {
            connection.flush(Duration.ofSeconds(5));
        } catch (TimeoutException e) {
            LOG.warn("NATS did not confirm the service's subscriptions yet; they follow when it does");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(CommandType<?> type, ServiceMessage message) {
        var headers = message.hasHeaders() ? message.getHeaders() : new Headers();
        // a client without trace context (a foreign NATS client) starts a trace here, as the edge does for HTTP
        var traceparent = TraceContext.continueOrStart(headers.getFirst(NatsHeaders.TRACEPARENT));
        putInMdc(headers, traceparent);
        try {
            respond(type, message, traceparent);
        } finally {
            MDC.clear();
        }
    }

    private void respond(CommandType<?> type, ServiceMessage message, String traceparent) {
        // no span, and nothing built for one, when no tracing backend is configured
        var started = traces == Traces.NONE ? null : Instant.now();
        long startedNanos = System.nanoTime();
        Acceptance acceptance;
        try {
            acceptance = accept(type, message, traceparent);
        } catch (RuntimeException e) {
            LOG.error("{} failed", type.name(), e);
            acceptance = new Acceptance.Failed(idOr(message), correlationIdOr(message), Acceptance.Code.PUBLISH_FAILED,
                    "the business-logic service could not process the command; nothing was accepted", true);
        }
        switch (acceptance) {
            case Acceptance.Accepted accepted -> LOG.info("{} accepted at {}", type.name(), accepted.event());
            case Acceptance.Rejected rejected -> LOG.info("{} rejected, {}: {}", type.name(), rejected.code(),
                    rejected.reason());
            case Acceptance.Failed failed -> LOG.warn("{} failed, {}: {}", type.name(), failed.code(), failed.reason());
        }
        var headers = new Headers()
                .put(NatsHeaders.COMMAND_ID, acceptance.commandId().value())
                .put(NatsHeaders.CORRELATION_ID, acceptance.correlationId().toString());
        try {
            message.respond(connection, codec.replies().encode(acceptance), headers);
        } catch (RuntimeException e) {
            LOG.warn("the reply to {} {} was lost", type.name(), acceptance.correlationId(), e);
        }
        if (started != null)
            traces.span("bl " + type.name(), traceparent, started, Duration.ofNanos(System.nanoTime() - startedNanos),
                    Map.of("precinct.command_id", acceptance.commandId().value(),
                            "precinct.outcome", acceptance.getClass().getSimpleName().toLowerCase(Locale.ROOT)));
    }

    /** The request's ids in the MDC of this (virtual) thread, for every line logged about it. */
    private static void putInMdc(Headers headers, String traceparent) {
        putIfPresent("correlationId", headers.getFirst(NatsHeaders.CORRELATION_ID));
        putIfPresent("commandId", headers.getFirst(NatsHeaders.COMMAND_ID));
        putIfPresent("principal", headers.getFirst(NatsHeaders.PRINCIPAL));
        MDC.put("traceId", traceparent.substring(3, 35));
    }

    private static void putIfPresent(String key, String value) {
        if (value != null) MDC.put(key, value);
    }

    private Acceptance accept(CommandType<?> type, ServiceMessage message, String traceparent) {
        var headers = message.hasHeaders() ? message.getHeaders() : new Headers();
        var violations = new ArrayList<Violation>();
        var commandId = headers.getFirst(NatsHeaders.COMMAND_ID);
        if (!CommandId.isValid(commandId))
            violations.add(new Violation(NatsHeaders.COMMAND_ID, "must be 1 to 128 printable ASCII characters"));
        var correlationId = CorrelationId.tryParse(headers.getFirst(NatsHeaders.CORRELATION_ID));
        if (correlationId.isEmpty()) violations.add(new Violation(NatsHeaders.CORRELATION_ID, "must be a UUID"));
        var principal = headers.getFirst(NatsHeaders.PRINCIPAL);
        var ids = new CommandId(CommandId.isValid(commandId) ? commandId : CommandId.random().value());
        var correlation = correlationId.orElseGet(CorrelationId::random);
        if (principal == null || principal.isBlank())
            return new Acceptance.Rejected(ids, correlation, new Rejection(Acceptance.Code.UNAUTHORIZED,
                    "the request names no principal (" + NatsHeaders.PRINCIPAL + ")", List.of()));
        if (!violations.isEmpty())
            return new Acceptance.Rejected(ids, correlation, new Rejection(Acceptance.Code.VALIDATION_FAILED,
                    "the request's headers break the contract", violations));
        var decoded = codec.commands().decode(type, message.getData(), Map.of());
        return switch (decoded) {
            case DecodedCommand.Malformed malformed -> new Acceptance.Rejected(ids, correlation, new Rejection(
                    Acceptance.Code.VALIDATION_FAILED, malformed.detail(), malformed.violations()));
            case DecodedCommand.Valid valid -> handler.handle(new CommandEnvelope(type, valid.data(), ids,
                    correlation, new Principal(principal), traceparent));
        };
    }

    private static CommandId idOr(ServiceMessage message) {
        var id = message.hasHeaders() ? message.getHeaders().getFirst(NatsHeaders.COMMAND_ID) : null;
        return CommandId.isValid(id) ? new CommandId(id) : CommandId.random();
    }

    private static CorrelationId correlationIdOr(ServiceMessage message) {
        var id = message.hasHeaders() ? message.getHeaders().getFirst(NatsHeaders.CORRELATION_ID) : null;
        return CorrelationId.tryParse(id).orElseGet(CorrelationId::random);
    }

    /** Stops taking requests, lets the ones in progress finish (bounded), then returns. */
    @Override
    public void close() throws InterruptedException {
        service.stop(true);
        workers.shutdown();
        if (!workers.awaitTermination(10, TimeUnit.SECONDS))
            LOG.warn("business-logic requests still running at shutdown");
    }
}
