package dev.precinct.adapters.rest;

import java.util.Set;
import dev.precinct.core.command.Caller;
import dev.precinct.core.command.Role;
import dev.precinct.core.command.Route;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;

/**
 * Authenticates and authorises requests before their route sees them. {@code /api/v1} and {@code /admin} need a
 * bearer token (401 without a valid one); reads need a role the read model's domain lets read,
 * {@code /admin} needs {@code admin} (403 otherwise); a command route checks its own roles once it knows the
 * command. Operations routes ({@code /health}, {@code /metrics}, {@code /openapi.json}) and the console's static
 * files ({@code /console}, which hold no data: the page sends the operator's token with its own calls) are open.
 */
final class Guard {
    /** The authenticated caller of a request that passed the guard. */
    static final AttachmentKey<Caller> CALLER = AttachmentKey.create(Caller.class);
    private static final String BEARER = "Bearer ";

    /** Who may call a route. */
    enum Access { OPEN, READ, COMMAND, ADMIN }

    private final Authenticator authenticator;
    private final Responses responses;

    Guard(Authenticator authenticator, Responses responses) {
        this.authenticator = authenticator;
        this.responses = responses;
    }

    static Access accessOf(Route route) {
        if (route.path().startsWith("/admin")) return Access.ADMIN;
        if (!route.path().startsWith("/api/")) return Access.OPEN;
        return route.method().equals("GET") ? Access.READ : Access.COMMAND;
    }

    /**
     * {@code handler} behind the check {@code route}'s path calls for.
     *
     * @param readers the roles that may call a read route
     */
    HttpHandler protect(Route route, Set<Role> readers, HttpHandler handler) {
        var access = accessOf(route);
        if (access == Access.OPEN) return handler;
        return exchange -> {
            var caller = authenticate(exchange);
            if (caller == null) return;
            boolean allowed = switch (access) {
                case READ -> caller.hasAnyOf(readers);
                case ADMIN -> caller.has(Role.ADMIN);
                case COMMAND, OPEN -> true;
            };
            if (!allowed) {
                responses.problem(exchange, 403, "Forbidden", "the token's roles do not allow "
                        + exchange.getRequestMethod() + " " + exchange.getRequestPath());
                return;
            }
            exchange.putAttachment(CALLER, caller);
            handler.handleRequest(exchange);
        };
    }

    /** The caller, or null after answering 401. */
    private Caller authenticate(HttpServerExchange exchange) {
        var authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"precinct\"");
            responses.problem(exchange, 401, "Unauthorized", "send a bearer token: Authorization: Bearer <JWT>");
            return null;
        }
        try {
            return authenticator.authenticate(authorization.substring(BEARER.length()).trim());
        } catch (InvalidTokenException e) {
            var reason = e.getMessage() == null ? "invalid token" : e.getMessage().replace('"', '\'');
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE,
                    "Bearer realm=\"precinct\", error=\"invalid_token\", error_description=\"" + reason + "\"");
            responses.problem(exchange, 401, "Unauthorized", "the bearer token was refused: " + reason);
            return null;
        }
    }
}
