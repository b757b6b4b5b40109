package dev.precinct.adapters.rest;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.MimeMappings;
import io.undertow.util.PathTemplateMatch;

/**
 * The operator console: static files from the jar's {@code console/} folder, {@code GET /console} (the page) and
 * {@code GET /console/{asset}} (its script, style sheet and icon). They need no token, since they hold no data;
 * the page itself asks the operator for a token and calls only the existing {@code /admin} and
 * {@code /api/v1/commands} routes with it. Every answer carries a Content-Security-Policy that lets the page load
 * and fetch from this origin only, so nothing a dead letter's payload holds can run or call out.
 */
final class ConsoleRoutes {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    private static final HttpString CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");

    private final ResourceHandler files;

    ConsoleRoutes(Responses responses) {
        // only the types the console ships; anything else in the folder is not served as something a browser runs
        var types = MimeMappings.builder(false)
                .addMapping("html", "text/html; charset=utf-8")
                .addMapping("js", "text/javascript; charset=utf-8")
                .addMapping("css", "text/css; charset=utf-8")
                .addMapping("svg", "image/svg+xml")
                .build();
        var folder = new ClassPathResourceManager(ConsoleRoutes.class.getClassLoader(), "console");
        this.files = new ResourceHandler(folder, exchange -> responses.problem(exchange, 404, "Not found",
                "no console file " + exchange.getRelativePath()))
                .setMimeMappings(types)
                .setDirectoryListingEnabled(false);
    }

    /** {@code GET /console}: the page. */
    HttpHandler page() {
        return serve("index.html");
    }

    /** {@code GET /console/{asset}}: one of the page's files; a problem 404 for a name the jar does not hold. */
    HttpHandler asset() {
        return exchange -> {
            var asset = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("asset");
            serve(asset).handleRequest(exchange);
        };
    }

    private HttpHandler serve(String file) {
        return exchange -> {
            var headers = exchange.getResponseHeaders();
            headers.put(new HttpString("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
            headers.put(CONTENT_TYPE_OPTIONS, "nosniff");
            headers.put(REFERRER_POLICY, "no-referrer");
            // the files change with the jar: a browser may keep them but must ask again (ETag, Last-Modified)
            headers.put(Headers.CACHE_CONTROL, "no-cache");
            // the resource handler serves the exchange's relative path, which the routing left as the whole path
            exchange.setRelativePath("/" + file);
            files.handleRequest(exchange);
        };
    }
}
