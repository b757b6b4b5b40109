package dev.precinct.adapters.rest;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.codec.json.Problem;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.command.Violation;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.ByteBuffer;
import java.util.List;

/** Writes JSON and RFC 9457 problem responses; the one place that knows the problem types of the contract. */
final class Responses {
    static final HttpString CORRELATION_ID = new HttpString("X-Correlation-Id");
    static final String JSON = "application/json";

    private final JsonCodec codec;

    Responses(JsonCodec codec) {
        this.codec = codec;
    }

    void json(HttpServerExchange exchange, int status, Object body) {
        send(exchange, status, JSON, codec.write(body));
    }

    void json(HttpServerExchange exchange, int status, byte[] body) {
        send(exchange, status, JSON, body);
    }

    void problem(HttpServerExchange exchange, int status, String title, String detail, CorrelationId correlationId,
                 List<Violation> violations) {
        var problem = new Problem("https://precinct.dev/problems/" + slug(title), title, status, detail,
                correlationId == null ? null : correlationId.toString(),
                violations == null || violations.isEmpty() ? null : violations);
        if (correlationId != null) exchange.getResponseHeaders().put(CORRELATION_ID, correlationId.toString());
        send(exchange, status, Problem.MEDIA_TYPE, codec.write(problem));
    }

    void problem(HttpServerExchange exchange, int status, String title, String detail) {
        problem(exchange, status, title, detail, null, null);
    }

    private static void send(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
