package dev.precinct.app;

import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role on its own management port, as Kubernetes would probe and Prometheus would scrape them: a projector,
 * a business-logic service and an edge as separate Precincts on real NATS, Kafka and PostgreSQL, each with
 * {@code PRECINCT_MANAGEMENT_PORT} set.
 */
class ManagementPortIT {
    private static Precinct projector;
    private static Precinct businessLogic;
    private static Precinct edge;

    @BeforeAll
    static void start() throws Exception {
        var database = TestServices.freshDatabase();
        projector = Precinct.start(withManagementPort(database, "projector"));
        businessLogic = Precinct.start(withManagementPort(database, "bl"));
        edge = Precinct.start(withManagementPort(database, "edge"));
    }

    @AfterAll
    static void stop() {
        for (var precinct : new Precinct[]{edge, businessLogic, projector}) if (precinct != null) precinct.close();
    }

    private static Settings withManagementPort(String database, String role) throws Exception {
        return RealServices.settings(database, role, "--management.host=127.0.0.1", "--management.port=0");
    }

    @Test
    void theBusinessLogicAndTheProjectorAreLiveAndReadyWithTheirChecks() throws Exception {
        for (var precinct : new Precinct[]{businessLogic, projector}) {
            var management = new Http(precinct.managementPort(), null);

            var live = management.get("/health/live");
            var ready = management.get("/health/ready");

            assertEquals(200, live.statusCode(), live.body());
            assertEquals(200, ready.statusCode(), ready.body());
            var checks = RegisterOfficerContract.body(ready).get("checks");
            assertEquals(Map.of("nats", "UP", "kafka", "UP", "postgresql", "UP"), Map.of(
                    "nats", checks.path("nats").asText(), "kafka", checks.path("kafka").asText(),
                    "postgresql", checks.path("postgresql").asText()), ready.body());
        }
    }

    @Test
    void theBusinessLogicsMetricsShowItsHopsAfterACommand() throws Exception {
        var http = new Http(edge.httpPort());
        var accepted = http.postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()));

        var metrics = new Http(businessLogic.managementPort(), null).get("/metrics");

        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        for (var hop : new String[]{"validation", "idempotency", "kafka"})
            assertTrue(metrics.body().contains("precinct_command_hops_seconds_count{command=\"RegisterOfficer\",hop=\""
                    + hop + "\",outcome=\"accepted\"}"), hop + " is missing:\n" + metrics.body());
    }

    @Test
    void theEdgesPublicPortNoLongerServesHealthOrMetricsButItsManagementPortDoes() throws Exception {
        var publicPort = new Http(edge.httpPort(), null);
        var management = new Http(edge.managementPort(), null);

        var publicMetrics = publicPort.get("/metrics");
        var publicReady = publicPort.get("/health/ready");
        var openApi = publicPort.get("/openapi.json");
        var metrics = management.get("/metrics");
        var ready = management.get("/health/ready");
        var noApiThere = management.get("/api/v1/officers");

        assertEquals(404, publicMetrics.statusCode(), publicMetrics.body());
        assertTrue(publicMetrics.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/problem+json"));
        assertEquals(404, publicReady.statusCode(), publicReady.body());
        assertEquals(200, openApi.statusCode());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("precinct_http_requests_seconds"), metrics.body());
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals(404, noApiThere.statusCode(), noApiThere.body());
    }
}
