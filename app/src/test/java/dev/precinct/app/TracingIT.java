package dev.precinct.app;

import com.sun.net.httpserver.HttpServer;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With an OpenTelemetry endpoint configured, a command's work is exported as spans of the client's trace: the
 * edge's, the business logic's and the projector's, over OTLP/HTTP to a receiver standing in for the collector.
 */
class TracingIT {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Test
    void theEdgeTheBusinessLogicAndTheProjectorExportSpansOfTheClientsTrace() throws Exception {
        List<byte[]> exports = new CopyOnWriteArrayList<>();
        var collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exports.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            var endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";
            try (var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all",
                    "--otel.endpoint=" + endpoint))) {
                var http = new Http(precinct.httpPort());
                var accepted = http.postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()),
                        "traceparent", TRACEPARENT);
                var status = http.get("/api/v1/commands/" + body(accepted).get("correlationId").asText() + "?waitMs=15000");
                assertEquals(200, status.statusCode(), status.body());
            }
        } finally {
            collector.stop(0);
        }

        var all = new ByteArrayOutputStream();
        for (var export : exports) all.writeBytes(export);
        var exported = all.toByteArray();
        assertTrue(contains(exported, HexFormat.of().parseHex(TRACE_ID)), "the spans are in the client's trace");
        for (var span : List.of("edge RegisterOfficer", "bl RegisterOfficer", "project RegisterOfficerRequested"))
            assertTrue(contains(exported, span.getBytes(StandardCharsets.UTF_8)), "a span " + span);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
