package dev.precinct.adapters.rest;

import dev.precinct.codec.json.JsonCodec;
import dev.precinct.core.command.Route;
import dev.precinct.core.command.Role;
import dev.precinct.core.domain.Catalog;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.port.CommandGateway;
import dev.precinct.core.service.DeadLetterRedrive;
import dev.precinct.core.service.ReadSideAdmin;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Precinct's HTTP server, in one of two shapes. The <em>edge</em> (the constructors): one route
 * per catalog command, the query routes of the catalog's read models, {@code /admin}, {@code /openapi.json}, the
 * operator console's static files, and the operations routes ({@code /health/live}, {@code /health/ready},
 * {@code /metrics}) unless {@link EdgeSettings#servesOperations()} says a management listener serves them. The
 * <em>management listener</em> ({@link #management}): the operations routes only, on a port of their own, which
 * any role can run. Both answer errors as RFC 9457 problems, and both serve the operations routes with the same
 * handlers. Started by the constructor or the factory; {@link #close()} stops intake, lets in-flight requests
 * finish (up to the drain timeout) and stops the server. Thread-safe.
 */
public final class EdgeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.precinct.access");
    /** A management listener has no long requests to wait for; a probe is answered or retried. */
    private static final Duration MANAGEMENT_DRAIN = Duration.ofSeconds(2);

    private final RoutingHandler routes = new RoutingHandler();
    private final Responses responses;
    private final Guard guard;
    private final EdgeObserver observer;
    private final List<Route> served = new ArrayList<>();
    private final Duration drainTimeout;
    private final String name;
    private Undertow undertow;
    private GracefulShutdownHandler shutdown;

    /**
     * An edge whose admin routes see no projections (nothing parked).
     *
     * @param blocking    runs the blocking work of queries and readiness probes (a virtual-thread executor suits it)
     * @param deadLetters the command dead letters the admin routes list and re-drive
     */
    public EdgeServer(EdgeSettings settings, Authenticator authenticator, Catalog catalog, CommandGateway gateway,
                      EdgeQueries queries, Operations operations, JsonCodec codec, Executor blocking,
                      DeadLetterRedrive deadLetters) {
        this(settings, authenticator, catalog, gateway, queries, operations, codec, blocking, deadLetters,
                ReadSideAdmin.none());
    }

    /**
     * An edge.
     *
     * @param catalog     the commands it takes and the read models it serves
     * @param blocking    runs the blocking work of queries and readiness probes (a virtual-thread executor suits it)
     * @param deadLetters the command dead letters the admin routes list and re-drive
     * @param readSide    the projections whose parked aggregates (event dead letters) the admin routes list, re-drive
     *                    and skip
     */
    public EdgeServer(EdgeSettings settings, Authenticator authenticator, Catalog catalog, CommandGateway gateway,
                      EdgeQueries queries, Operations operations, JsonCodec codec, Executor blocking,
                      DeadLetterRedrive deadLetters, ReadSideAdmin readSide) {
        this("edge", new Responses(codec), authenticator, operations.observer(), settings.drainTimeout());
        for (var type : catalog.commands())
            route(type.route(), new CommandRoute(type, gateway, codec, responses, settings.maxBodyBytes(), observer,
                    operations.traces()));
        var queryRoutes = new QueryRoutes(queries, responses, blocking, settings.maxWait());
        for (var view : catalog.views()) {
            var storage = view.storage();
            if (storage.path().isEmpty()) continue;
            var readers = catalog.readers(storage.model());
            if (storage instanceof StoredView<?> stored)
                route(Route.get(storage.path().get()), readers, queryRoutes.list(stored));
            route(Route.get(storage.path().get() + "/{" + storage.idName() + "}"), readers, queryRoutes.byId(storage));
        }
        route(Route.get("/api/v1/commands/{correlationId}"), catalog.readers(), queryRoutes.commandStatus());
        var operationRoutes = new OperationRoutes(operations, responses, blocking);
        if (settings.servesOperations()) operationRoutes(operationRoutes);
        var adminRoutes = new AdminRoutes(deadLetters, readSide, codec, responses, blocking);
        route(Route.get("/admin/dead-letters"), adminRoutes.deadLetters());
        route(Route.post("/admin/dead-letters/{id}/redrive"), adminRoutes.redrive());
        route(Route.post("/admin/dead-letters/{id}/skip"), adminRoutes.skip());
        route(Route.get("/admin/projections"), adminRoutes.projections());
        route(Route.post("/admin/projections/{name}/pause"), adminRoutes.pause());
        route(Route.post("/admin/projections/{name}/resume"), adminRoutes.resume());
        route(Route.post("/admin/projections/{name}/rebuild"), adminRoutes.rebuild());
        var console = new ConsoleRoutes(responses);
        route(Route.get("/console"), console.page());
        route(Route.get("/console/{asset}"), console.asset());
        // last: the document names every route the edge serves, itself included
        var openApi = Route.get("/openapi.json");
        var served = new ArrayList<>(this.served);
        served.add(openApi);
        route(openApi, operationRoutes.openApi(codec.apiDocument().document(served)));
        listen(settings.host(), settings.port());
    }

    private EdgeServer(String name, Responses responses, Authenticator authenticator, EdgeObserver observer,
                       Duration drainTimeout) {
        this.name = name;
        this.responses = responses;
        this.guard = new Guard(authenticator, responses);
        this.observer = observer;
        this.drainTimeout = drainTimeout;
    }

    /**
     * A management listener on {@code host:port} (0: a free port): {@code /health/live}, {@code /health/ready} with
     * {@code operations}' checks, and {@code /metrics}, all without a token; anything else is 404.
     *
     * @param blocking runs the readiness probes and the metrics scrape (a virtual-thread executor suits it)
     */
    public static EdgeServer management(String host, int port, Operations operations, JsonCodec codec,
                                        Executor blocking) {
        // its routes are all open, so no token is ever verified
        Authenticator noTokens = token -> {
            throw new InvalidTokenException("the management listener takes no tokens", null);
        };
        var server = new EdgeServer("management", new Responses(codec), noTokens, operations.observer(),
                MANAGEMENT_DRAIN);
        server.operationRoutes(new OperationRoutes(operations, server.responses, blocking));
        server.listen(host, port);
        return server;
    }

    private void operationRoutes(OperationRoutes operationRoutes) {
        route(Route.get("/health/live"), operationRoutes.live());
        route(Route.get("/health/ready"), operationRoutes.ready());
        route(Route.get("/metrics"), operationRoutes.metrics());
    }

    private void listen(String host, int port) {
        routes.setFallbackHandler(exchange -> responses.problem(exchange, 404, "Not found",
                "no route " + exchange.getRequestMethod() + " " + exchange.getRequestPath()));
        routes.setInvalidMethodHandler(exchange -> responses.problem(exchange, 405, "Method not allowed",
                exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));
        shutdown = new GracefulShutdownHandler(errorsAsProblems(routes, responses));
        undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setHandler(shutdown)
                .build();
        undertow.start();
        LOG.info("{} listening on http://{}:{}", name, host, port());
    }

    /** Every route the server answers, in the order they were registered. */
    public List<Route> routes() {
        return List.copyOf(served);
    }

    /**
     * Serves {@code route} with {@code handler}, behind the guard that the route's path calls for; each answer is
     * logged (one line, with the request's ids) and observed.
     */
    private void route(Route route, HttpHandler handler) {
        route(route, Set.of(), handler);
    }

    /** As {@link #route(Route, HttpHandler)}, for a read route that {@code readers} may call. */
    private void route(Route route, Set<Role> readers, HttpHandler handler) {
        var guarded = guard.protect(route, readers, handler);
        routes.add(route.method(), route.path(), exchange -> {
            long started = System.nanoTime();
            exchange.addExchangeCompleteListener((done, next) -> {
                answered(route, done, System.nanoTime() - started);
                next.proceed();
            });
            guarded.handleRequest(exchange);
        });
        served.add(route);
    }

    private void answered(Route route, HttpServerExchange exchange, long nanos) {
        observer.request(route.method(), route.path(), exchange.getStatusCode(), nanos);
        if (route.path().startsWith("/health") || route.path().equals("/metrics")) return;
        try (var ignored = RequestContext.of(exchange).inMdc()) {
            ACCESS.info("{} {} {} {} ms", exchange.getRequestMethod(), exchange.getRequestPath(), exchange.getStatusCode(),
                    nanos / 100_000 / 10.0);
        }
    }

    /** The port the server listens on (the chosen one when the settings asked for 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        shutdown.shutdown();
        if (!shutdown.awaitShutdown(drainTimeout.toMillis()))
            LOG.warn("{} stopped with requests still in flight after {}", name, drainTimeout);
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
