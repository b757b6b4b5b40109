package dev.precinct.adapters.rest;

import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewFilter;
import dev.precinct.core.view.ViewStorage;
import dev.precinct.core.command.Violation;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.SameThreadExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The query routes: read-model rows by id, filtered lists in keyset pages, and command statuses with an optional
 * long-poll. Reads may block (a database), so they run on the blocking executor, never on an IO thread.
 */
final class QueryRoutes {
    /** The read-your-writes option of the reads by id: the correlationId of the command to read after. */
    static final String AFTER_COMMAND = "afterCommand";
    /** Answers a read with {@link #AFTER_COMMAND}: the command's outcome when the wait ended. */
    static final HttpString COMMAND_STATUS = new HttpString("Precinct-Command-Status");
    static final String PENDING = "PENDING";

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

    /** {@code GET {path}/{idName}}: a row of {@code storage}'s read model by id. */
    <V> HttpHandler byId(ViewStorage<V> storage) {
        var rows = queries.readModels().of(storage.model());
        return byId(storage.idName(), storage.model().name(), id -> storage.validId().test(id) ? rows.find(id) : Optional.empty());
    }

    /** {@code GET {path}?field=…&limit=&cursor=}: a page of {@code view}'s rows, filtered by its declared fields. */
    <V> HttpHandler list(StoredView<V> view) {
        var rows = queries.readModels().of(view.model());
        return list(parameters -> {
            var filter = ViewFilter.where();
            for (var field : view.fields()) {
                var value = parameters.text(field.name());
                if (value == null) continue;
                if (!field.valid().test(value)) {
                    parameters.violations().add(new Violation(field.name(), field.rule()));
                    continue;
                }
                switch (field.match()) {
                    case EQUALS -> filter.is(field.name(), value);
                    case CONTAINS -> filter.contains(field.name(), value);
                    case SINCE -> filter.since(field.name(), Instant.parse(value));
                }
            }
            var page = parameters.page();
            return parameters.violations().isEmpty() ? rows.list(filter.build(), page) : null;
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
            var parameters = new QueryParameters(exchange);
            var wait = Duration.ofMillis(parameters.whole("waitMs", 0, 0, maxWait.toMillis()));
            if (!parameters.violations().isEmpty()) {
                responses.problem(exchange, 400, "Bad request", "invalid query parameters", null,
                        parameters.violations());
                return;
            }
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

    /**
     * A read by id. With {@code afterCommand={correlationId}} it first waits (up to {@code waitMs}, without polling)
     * until that command's outcome is known, then reads, and says in {@link #COMMAND_STATUS} whether the command was
     * {@code APPLIED}, {@code REJECTED} or still {@code PENDING} when the wait ended; the read itself answers as
     * without the option (200 with the row as it stands, or 404).
     */
    private HttpHandler byId(String parameter, String readModel, Function<String, Optional<?>> find) {
        HttpHandler read = exchange -> {
            var id = pathParameter(exchange, parameter);
            var row = find.apply(id);
            if (row.isPresent()) responses.json(exchange, 200, row.get());
            else responses.problem(exchange, 404, "Not found", "no " + readModel + " row with " + parameter + " " + id);
        };
        var readNow = blocking(read);
        return exchange -> {
            var parameters = new QueryParameters(exchange);
            var afterCommand = parameters.text(AFTER_COMMAND);
            var correlationId = afterCommand == null ? Optional.<CorrelationId>empty()
                    : CorrelationId.tryParse(afterCommand);
            if (afterCommand != null && correlationId.isEmpty())
                parameters.violations().add(new Violation(AFTER_COMMAND,
                        "must be the correlationId (a UUID) of a 202"));
            var wait = Duration.ofMillis(parameters.whole("waitMs", 0, 0, maxWait.toMillis()));
            if (afterCommand == null && parameters.text("waitMs") != null)
                parameters.violations().add(new Violation("waitMs", "needs afterCommand: there is nothing to wait for"));
            if (!parameters.violations().isEmpty()) {
                responses.problem(exchange, 400, "Bad request", "invalid query parameters", null,
                        parameters.violations());
                return;
            }
            if (correlationId.isEmpty()) {
                readNow.handleRequest(exchange);
                return;
            }
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> queries.commandStatuses()
                    .await(correlationId.get(), wait)
                    .whenCompleteAsync((status, error) -> {
                        if (error != null) {
                            var cause = error instanceof CompletionException ? error.getCause() : error;
                            responses.problem(exchange, 503, "Service unavailable",
                                    "the command-status read model is unreachable: " + cause.getMessage());
                            return;
                        }
                        exchange.getResponseHeaders().put(COMMAND_STATUS,
                                status.map(known -> known.status().name()).orElse(PENDING));
                        try { // on the blocking executor already
                            read.handleRequest(exchange);
                        } catch (Exception e) {
                            responses.problem(exchange, 503, "Service unavailable",
                                    "the read model is unreachable: " + e.getMessage());
                        }
                    }, blocking));
        };
    }

    /** A list route: {@code query} reads the page, or answers null when a parameter was bad. */
    private HttpHandler list(Function<QueryParameters, Object> query) {
        return blocking(exchange -> {
            var parameters = new QueryParameters(exchange);
            Object page;
            try {
                page = query.apply(parameters);
            } catch (IllegalArgumentException badCursor) {
                responses.problem(exchange, 400, "Bad request", "cursor: " + badCursor.getMessage()
                        + "; pass back the nextCursor of the previous page");
                return;
            }
            if (page == null)
                responses.problem(exchange, 400, "Bad request", "invalid query parameters", null, parameters.violations());
            else
                responses.json(exchange, 200, page);
        });
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
