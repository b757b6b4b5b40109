package dev.precinct.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.precinct.core.command.Role;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;

import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator sees: metrics after traffic, readiness that follows a dependency, trace ids in the logs. */
class OperationsIT {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void metricsShowCommandsRequestsProjectionLagDeadLettersClientsAndTheJvm() throws Exception {
        try (var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all"))) {
            var http = new Http(precinct.httpPort());
            var accepted = http.postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()));
            http.get("/api/v1/commands/" + body(accepted).get("correlationId").asText() + "?waitMs=15000");

            var metrics = new Http(precinct.httpPort(), null).get("/metrics");

            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
            var text = metrics.body();
            assertTrue(count(text, "precinct_commands_seconds_count{command=\"RegisterOfficer\",outcome=\"accepted\","
                    + "path=\"request_reply\"}") >= 1, text);
            assertTrue(count(text, "precinct_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/officers\","
                    + "status=\"202\"}") >= 1, text);
            assertTrue(text.contains("precinct_commands_seconds_bucket{command=\"RegisterOfficer\""), "a histogram");
            assertTrue(text.contains("precinct_projection_lag_events{projection=\"officers\"}"));
            assertTrue(text.contains("precinct_dead_letters{kind=\"command\"}"));
            assertTrue(text.contains("precinct_dead_letters{kind=\"event\"}"));
            assertTrue(text.contains("precinct_nats_errors_total"));
            assertTrue(text.contains("kafka_producer_record_error_total"));
            assertTrue(text.contains("jvm_memory_used_bytes"));
        }
    }

    @Test
    void theEventDeadLetterGaugeCountsTheRecordsTheProjectionsParked() throws Exception {
        try (var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all"))) {
            var admin = new Http(precinct.httpPort(), TestTokens.token("ops", List.of(Role.ADMIN)));
            var scraper = new Http(precinct.httpPort(), null);
            var badge = OfficerFixtures.aUniqueBadge();
            var series = "precinct_dead_letters{kind=\"event\"}";
            assertTrue(scraper.get("/metrics").body().contains(series + " "), "the gauge exists before anything parks");

            ReadSideAdminIT.publishBadJson(badge);
            // the topic may hold poison records of earlier tests, which this fresh database parks too: wait for ours,
            // then for the gauge to count at least every record parked by then
            var parked = awaitEventDeadLetters(admin, badge);
            var counted = awaitMetric(scraper, series, value -> value >= parked);

            assertTrue(parked >= 1);
            assertTrue(counted >= parked, counted + " < " + parked);
        }
    }

    /** The number of parked records listed once the aggregate {@code badge} is among them. */
    private static long awaitEventDeadLetters(Http admin, String badge) throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var listing = admin.get("/admin/dead-letters");
            assertEquals(200, listing.statusCode(), listing.body());
            long parked = 0;
            boolean ours = false;
            for (var item : body(listing).get("items")) {
                if (!item.get("kind").asText().equals("event")) continue;
                parked += item.get("parkedCount").asLong();
                ours |= item.get("aggregateId").asText().equals(badge);
            }
            if (ours) return parked;
            if (System.nanoTime() > deadline) throw new AssertionError(badge + " was not parked: " + listing.body());
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** The value of {@code series} once {@code wanted} accepts it (the gauges are sampled every 5 s). */
    private static double awaitMetric(Http scraper, String series, DoublePredicate wanted) throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var value = count(scraper.get("/metrics").body(), series);
            if (wanted.test(value)) return value;
            if (System.nanoTime() > deadline) throw new AssertionError(series + " stayed " + value);
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    private static double count(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(0.0);
    }

    @Test
    void readinessNamesNatsWhileItIsDownAndRecoversWhenItIsBack(@TempDir Path jetStream) throws Exception {
        int port = freePort();
        var nats = startNats(port, jetStream);
        try (var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all",
                "--nats.url=nats://127.0.0.1:" + port))) {
            var probe = new Http(precinct.httpPort(), null);
            assertEquals(200, probe.get("/health/ready").statusCode());

            nats.destroyForcibly().waitFor();
            var down = awaitReadiness(probe, status -> status == 503);
            nats = startNats(port, jetStream);
            var up = awaitReadiness(probe, status -> status == 200);

            assertEquals("DOWN", down.get("checks").get("nats").asText());
            assertEquals("UP", down.get("checks").get("kafka").asText());
            assertEquals("UP", up.get("checks").get("nats").asText());
        } finally {
            nats.destroyForcibly().waitFor();
        }
    }

    @Test
    void aClientsTraceIdReachesTheLogsOfTheEdgeTheBusinessLogicAndTheProjector() throws Exception {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var captured = new ListAppender<ILoggingEvent>();
        captured.setContext(context);
        captured.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var projector = context.getLogger("dev.precinct.core.service.ProjectionEngine");
        root.addAppender(captured);
        projector.setLevel(Level.DEBUG);
        try (var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all"))) {
            var http = new Http(precinct.httpPort());
            var accepted = http.postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()),
                    "traceparent", TRACEPARENT);
            http.get("/api/v1/commands/" + body(accepted).get("correlationId").asText() + "?waitMs=15000");
        } finally {
            root.detachAppender(captured);
            projector.setLevel(null);
        }
        var traceId = TRACEPARENT.substring(3, 35);
        List<ILoggingEvent> events = List.copyOf(captured.list);

        assertTrue(events.stream().anyMatch(e -> e.getLoggerName().equals("dev.precinct.access")
                && traceId.equals(e.getMDCPropertyMap().get("traceId"))), "the edge's request line");
        assertTrue(events.stream().anyMatch(e -> e.getLoggerName().endsWith("NatsCommandService")
                && traceId.equals(e.getMDCPropertyMap().get("traceId"))
                && e.getMDCPropertyMap().containsKey("correlationId")), "the business logic's line");
        assertTrue(events.stream().anyMatch(e -> e.getLoggerName().endsWith("ProjectionEngine")
                && e.getFormattedMessage().contains(TRACEPARENT)), "the projector's line");
    }

    private static Process startNats(int port, Path jetStream) throws IOException {
        var process = new ProcessBuilder("nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port), "-js", "-sd",
                jetStream.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var ignored = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
        process.destroyForcibly();
        throw new IOException("nats-server did not start on port " + port);
    }

    private static JsonNode awaitReadiness(Http probe, Predicate<Integer> wanted)
            throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var response = probe.get("/health/ready");
            if (wanted.test(response.statusCode())) return body(response);
            if (System.nanoTime() > deadline) throw new AssertionError("readiness stayed " + response.body());
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
