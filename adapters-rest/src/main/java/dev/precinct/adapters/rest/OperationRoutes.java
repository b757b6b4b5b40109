package dev.precinct.adapters.rest;

import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Liveness, readiness and the OpenAPI document: the routes that need no token. */
final class OperationRoutes {
    /** The body of {@code /health/ready}: overall status and one entry per dependency. */
    record Readiness(String status, Map<String, String> checks) {
    }

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final List<HealthCheck> checks;
    private final Supplier<String> metrics;
    private final Responses responses;
    private final Executor blocking;

    OperationRoutes(Operations operations, Responses responses, Executor blocking) {
        this.checks = operations.checks();
        this.metrics = operations.metrics();
        this.responses = responses;
        this.blocking = blocking;
    }

    HttpHandler live() {
        return exchange -> responses.json(exchange, 200, new Readiness("UP", Map.of()));
    }

    /** 200 when every dependency answers, else 503 naming the ones that do not. Probes may block. */
    HttpHandler ready() {
        return exchange -> exchange.dispatch(blocking, () -> {
            var results = new LinkedHashMap<String, String>();
            boolean up = true;
            for (var check : checks) {
                boolean ok;
                try {
                    ok = check.probe().getAsBoolean();
                } catch (RuntimeException e) {
                    ok = false;
                }
                results.put(check.name(), ok ? "UP" : "DOWN");
                up &= ok;
            }
            responses.json(exchange, up ? 200 : 503, new Readiness(up ? "UP" : "DOWN", results));
        });
    }

    /** The metrics in the Prometheus text format; scraping may take a moment, so off the IO thread. */
    HttpHandler metrics() {
        return exchange -> exchange.dispatch(blocking, () -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PROMETHEUS_TEXT);
            exchange.getResponseSender().send(metrics.get(), StandardCharsets.UTF_8);
        });
    }

    /** Serves {@code document}, the edge's OpenAPI document, built once when the edge starts. */
    HttpHandler openApi(byte[] document) {
        return exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Responses.JSON);
            exchange.getResponseSender().send(ByteBuffer.wrap(document));
        };
    }
}
