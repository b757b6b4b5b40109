package dev.precinct.app;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where health and metrics are served in the embedded mode, with and without a management port. */
class EmbeddedManagementPortTest {
    private static Settings embedded(String... more) throws Exception {
        var arguments = new ArrayList<>(List.of("--http.port=0", "--http.host=127.0.0.1",
                "--auth.hs256.secret=" + TestTokens.SECRET));
        arguments.addAll(List.of(more));
        return Settings.load(Map.of(), arguments);
    }

    @Test
    void withAManagementPortHealthAndMetricsMoveThereAndTheEdgeAnswers404() throws Exception {
        try (var precinct = Precinct.start(embedded("--management.host=127.0.0.1", "--management.port=0"))) {
            var edge = new Http(precinct.httpPort(), null);
            var management = new Http(precinct.managementPort(), null);

            var ready = management.get("/health/ready");
            var live = management.get("/health/live");
            var metrics = management.get("/metrics");
            var openApiThere = management.get("/openapi.json");

            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("UP", RegisterOfficerContract.body(ready).get("status").asText());
            assertEquals(200, live.statusCode(), live.body());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), metrics.body());
            assertEquals(404, openApiThere.statusCode());
            for (var moved : List.of("/metrics", "/health/live", "/health/ready"))
                assertEquals(404, edge.get(moved).statusCode(), moved + " on the edge's port");
            assertEquals(200, edge.get("/openapi.json").statusCode());
        }
    }

    @Test
    void withoutOneTheEdgeServesThemAsBefore() throws Exception {
        try (var precinct = Precinct.start(embedded())) {
            var edge = new Http(precinct.httpPort(), null);

            assertEquals(200, edge.get("/metrics").statusCode());
            assertEquals(200, edge.get("/health/ready").statusCode());
            assertThrows(IllegalStateException.class, precinct::managementPort);
        }
    }
}
