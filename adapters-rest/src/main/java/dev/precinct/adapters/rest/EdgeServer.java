package dev.precinct.adapters.rest;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.Route;
import dev.precinct.core.catalog.CommandCatalog;
import dev.precinct.core.port.CommandGateway;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The edge's HTTP server: one route per catalog command, the query routes and the operations routes, all
 * answering errors as RFC 9457 problems. Started by the constructor; {@link #close()} stops intake, lets
 * in-flight requests finish (up to the drain timeout) and stops the server.
 */
public final class EdgeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);

    private final RoutingHandler routes = new RoutingHandler();
    private final Guard guard;
    private final List<Route> served = new ArrayList<>();
    private final Undertow undertow;
    private final GracefulShutdownHandler shutdown;
    private final EdgeSettings settings;

    /**
     * @param blocking runs the blocking work of queries and readiness probes (a virtual-thread executor suits it)
     */
    public EdgeServer(EdgeSettings settings, Authenticator authenticator, CommandGateway gateway, EdgeQueries queries,
                      List<HealthCheck> checks, JsonCodec codec, Executor blocking) {
        this.settings = settings;
        var responses = new Responses(codec);
        this.guard = new Guard(authenticator, responses);
        for (var type : CommandCatalog.commands())
            route(type.route(), new CommandRoute(type, gateway, codec, responses, settings.maxBodyBytes()));
        var queryRoutes = new QueryRoutes(queries, responses, blocking, settings.maxWait());
        route(Route.get("/api/v1/officers"), queryRoutes.officers());
        route(Route.get("/api/v1/officers/{badgeNumber}"), queryRoutes.officer());
        route(Route.get("/api/v1/incidents"), queryRoutes.incidents());
        route(Route.get("/api/v1/incidents/{incidentId}"), queryRoutes.incident());
        route(Route.get("/api/v1/observations"), queryRoutes.observations());
        route(Route.get("/api/v1/observations/{observationId}"), queryRoutes.observation());
        route(Route.get("/api/v1/commands/{correlationId}"), queryRoutes.commandStatus());
        var operations = new OperationRoutes(checks, responses, blocking);
        route(Route.get("/health/live"), operations.live());
        route(Route.get("/health/ready"), operations.ready());
        route(Route.get("/openapi.json"), operations.openApi());
        routes.setFallbackHandler(exchange -> responses.problem(exchange, 404, "Not found",
                "no route " + exchange.getRequestMethod() + " " + exchange.getRequestPath()));
        routes.setInvalidMethodHandler(exchange -> responses.problem(exchange, 405, "Method not allowed",
                exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));

        shutdown = new GracefulShutdownHandler(errorsAsProblems(routes, responses));
        undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setHandler(shutdown)
                .build();
        undertow.start();
        LOG.info("edge listening on http://{}:{}", settings.host(), port());
    }

    /** Every route the server answers, in the order they were registered. */
    public List<Route> routes() {
        return List.copyOf(served);
    }

    /** Serves {@code route} with {@code handler}, behind the guard that the route's path calls for. */
    private void route(Route route, HttpHandler handler) {
        routes.add(route.method(), route.path(), guard.protect(route, handler));
        served.add(route);
    }

    /** The port the server listens on (the chosen one when the settings asked for 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        shutdown.shutdown();
        if (!shutdown.awaitShutdown(settings.drainTimeout().toMillis()))
            LOG.warn("edge stopped with requests still in flight after {}", settings.drainTimeout());
        undertow.stop();
    }

    private static HttpHandler errorsAsProblems(HttpHandler next, Responses responses) {
        return exchange -> {
            try {
                next.handleRequest(exchange);
            } catch (Exception e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
                if (!exchange.isResponseStarted())
                    responses.problem(exchange, 500, "Internal server error", "the request could not be processed");
            }
        };
    }
}
