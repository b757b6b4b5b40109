package dev.precinct.adapters.rest;

import dev.precinct.core.CorrelationId;
import dev.precinct.core.officer.BadgeNumber;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.SameThreadExecutor;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The query routes: read-model rows by id and command statuses with an optional long-poll. Reads may block
 * (a database), so they run on the blocking executor, never on an IO thread.
 */
final class QueryRoutes {
    private final EdgeQueries queries;
    private final Responses responses;
    private final Executor blocking;
    private final Duration maxWait;

    QueryRoutes(EdgeQueries queries, Responses responses, Executor blocking, Duration maxWait) {
        this.queries = queries;
        this.responses = responses;
        this.blocking = blocking;
        this.maxWait = maxWait;
    }

    /** {@code GET /api/v1/officers/{badgeNumber}}. */
    HttpHandler officer() {
        return blocking(exchange -> {
            var badge = pathParameter(exchange, "badgeNumber");
            var officer = BadgeNumber.isValid(badge) ? queries.officers().find(badge) : java.util.Optional.empty();
            if (officer.isPresent()) responses.json(exchange, 200, officer.get());
            else responses.problem(exchange, 404, "Not found", "no officer with badge number " + badge);
        });
    }

    /** {@code GET /api/v1/commands/{correlationId}?waitMs=N}: answers once the status is known or the time is up. */
    HttpHandler commandStatus() {
        return exchange -> {
            var text = pathParameter(exchange, "correlationId");
            var correlationId = CorrelationId.tryParse(text);
            if (correlationId.isEmpty()) {
                responses.problem(exchange, 404, "Not found", "no command with correlationId " + text);
                return;
            }
            var waitParameter = exchange.getQueryParameters().get("waitMs");
            long waitMs = 0;
            if (waitParameter != null && !waitParameter.isEmpty()) {
                try {
                    waitMs = Long.parseLong(waitParameter.getFirst());
                } catch (NumberFormatException e) {
                    waitMs = -1;
                }
                if (waitMs < 0 || waitMs > maxWait.toMillis()) {
                    responses.problem(exchange, 400, "Bad request",
                            "waitMs must be a whole number from 0 to " + maxWait.toMillis());
                    return;
                }
            }
            var wait = Duration.ofMillis(waitMs);
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> queries.commandStatuses()
                    .await(correlationId.get(), wait)
                    .whenComplete((status, error) -> {
                        if (error != null) {
                            var cause = error instanceof CompletionException ? error.getCause() : error;
                            responses.problem(exchange, 503, "Service unavailable",
                                    "the command-status read model is unreachable: " + cause.getMessage());
                        } else if (status.isPresent()) {
                            responses.json(exchange, 200, status.get());
                        } else {
                            responses.problem(exchange, 404, "Not found", "the status of command " + text
                                    + " is not known (yet); ask again, or wait with waitMs", correlationId.get(), null);
                        }
                    }));
        };
    }

    private HttpHandler blocking(HttpHandler handler) {
        return exchange -> exchange.dispatch(blocking, () -> {
            try {
                handler.handleRequest(exchange);
            } catch (Exception e) {
                responses.problem(exchange, 503, "Service unavailable", "the read model is unreachable: " + e.getMessage());
            }
        });
    }

    static String pathParameter(HttpServerExchange exchange, String name) {
        return exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
    }
}
