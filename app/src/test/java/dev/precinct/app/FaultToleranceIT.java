package dev.precinct.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.app.CarefulClient.KeyHistory;
import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command path under real faults. The broker, NATS and PostgreSQL run as separate processes and the Precinct
 * roles as separate JVMs from the runnable jar; the test drives a careful client's load (a key per command, the same
 * key again on 503, 504, 409 "in progress" or a connection error), kills or stops one dependency for real in the
 * middle of it and brings it back, then checks the history every key heard against what Kafka holds
 * ({@link FaultReport#assertInvariants()}) and prints the counts. Every server is up again when a test ends,
 * whatever happened, for the other integration tests.
 */
class FaultToleranceIT {
    private static final String OFFICERS = "precinct.officers";
    private static final String OBSERVATIONS = "precinct.observations";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(2000);
    private static final Duration RETRY_BUDGET = Duration.ofSeconds(12);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CONCURRENCY = 12;
    private static final Path LOGS = Path.of("target", "fault-tolerance");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OBSERVATION = """
            {"kind":"LOCATION_PING","observedAt":"2026-11-29T08:15:00Z","location":{"lat":51.5,"lon":-0.12}}""";

    private static TestServers servers;
    private long started = System.nanoTime();
    private final List<PrecinctProcess> processes = new ArrayList<>();
    private final String run = randomTag();
    private PrecinctProcess edge;
    private final List<PrecinctProcess> businessLogic = new ArrayList<>();
    private final List<PrecinctProcess> killedOnPurpose = new ArrayList<>();

    /** When a test fails, where every Precinct JVM was stuck: before {@code @AfterEach} kills them. */
    @RegisterExtension
    final TestExecutionExceptionHandler dumpThreadsOnFailure = (context, failure) -> {
        for (var process : processes) {
            var dump = process.dumpThreads();
            if (dump.isEmpty()) continue;
            System.out.println("[fault] threads of " + process.name() + " when the test failed: " + dump.get());
            ThreadDumps.printPrecinctStacks(dump.get(), System.out);
        }
        throw failure;
    };

    @BeforeAll
    static void findTheServers() throws IOException {
        servers = TestServers.ofThisRun();
    }

    @AfterEach
    void stopPrecinctAndRestoreTheServers() throws Exception {
        for (var process : processes) {
            var exited = process.exitCode();
            if (exited.isPresent() && !killedOnPurpose.contains(process))
                System.out.println("[fault] " + process.name() + " had ended by itself, exit code "
                        + exited.getAsInt() + "; see " + process.log());
            process.kill();
        }
        servers.ensureAllUp();
    }

    @Test
    void aKafkaBrokerKilledMidLoadLosesNoAcceptanceDoublesNoEventAndTheAppRecoversByItself() throws Exception {
        startPrecinct("kafka", 1);
        var prefix = "fault-kafka-" + run;
        var before = RealServices.endOffsets(OFFICERS);
        var observationsBefore = RealServices.endOffsets(OBSERVATIONS);
        var http = new Http(edge.httpPort());
        try (var load = load(prefix, "K" + run);
             var once = new CarefulClient(edge.base(), TestTokens.anyRole(), Duration.ZERO, answer -> { });
             var careful = new CarefulClient(edge.base(), TestTokens.anyRole(), RETRY_BUDGET, answer -> { })) {
            started = System.nanoTime();
            load.start();
            load.awaitAccepted(100, WAIT);

            step("kafka", "kill -9 the broker");
            servers.kafka().stop();
            var probeKey = prefix + "-probe";
            var probe = CommandLoad.registration("K" + run + "-PROBE");
            long sent = System.nanoTime();
            var refused = once.send(CommandLoad.PATH, probeKey, probe).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            var refusedAfter = Duration.ofNanos(System.nanoTime() - sent);
            var observationKey = prefix + "-observation";
            var observationRefused = once.send("/api/v1/observations", observationKey, OBSERVATION)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            load.awaitErrors(2 * CONCURRENCY, WAIT);
            var deadLettered = deadLetters(http);
            step("kafka", "restart the broker");
            servers.kafka().start();
            long back = System.nanoTime();
            step("kafka", "the broker is back");
            var recovery = load.awaitAcceptedSentAfter(back, WAIT);
            step("kafka", "202s again");
            var retried = careful.send(CommandLoad.PATH, probeKey, probe).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            var redriven = redrive(http, letterOf(deadLettered, probeKey));
            var observationRedriven = redrive(http, letterOf(deadLettered, observationKey));
            var stillDeadLettered = deadLetters(http);
            load.awaitAccepted(load.accepted() + 200, WAIT);
            var histories = new ArrayList<>(load.finish(WAIT.multipliedBy(2)));
            histories.add(new KeyHistory(probeKey, concat(refused, retried)));
            var report = new FaultReport("Kafka broker kill -9 mid-load, restarted", histories,
                    RealServices.records(OFFICERS, before, record -> commandId(record).startsWith(prefix + "-")),
                    recovery);
            System.out.println(report);
            var observationEvents = RealServices.records(OBSERVATIONS, observationsBefore,
                    record -> commandId(record).equals(observationKey));

            var accepted = retried.answers().stream().filter(CarefulClient.Answer::accepted).findFirst();
            assertAll(
                    () -> assertEquals(503, refused.last().status(), "with the broker down: " + refused.last()),
                    () -> assertTrue(refusedAfter.compareTo(REQUEST_TIMEOUT) < 0,
                            "503 within the request timeout, not after " + refusedAfter.toMillis() + " ms"),
                    () -> assertNotNull(refused.last().retryAfter(), "Retry-After"),
                    () -> assertEquals(503, observationRefused.last().status(), "fire-and-forget with the broker down"),
                    () -> assertDeadLetter(letterOf(deadLettered, probeKey), "RegisterOfficer"),
                    () -> assertDeadLetter(letterOf(deadLettered, observationKey), "RecordObservation"),
                    () -> assertTrue(accepted.isPresent(), "a retry with the same key after the broker's return: "
                            + retried.answers()),
                    () -> assertEquals(200, redriven.statusCode(), redriven.body()),
                    () -> assertEquals(accepted.orElseThrow().body().get("correlationId"),
                            JSON.readTree(redriven.body()).get("correlationId"), "re-driving an accepted key answers it"),
                    () -> assertEquals(accepted.orElseThrow().body().get("event"),
                            JSON.readTree(redriven.body()).get("event"), "and publishes nothing"),
                    () -> assertEquals(200, observationRedriven.statusCode(), observationRedriven.body()),
                    () -> assertEquals("ACCEPTED", JSON.readTree(observationRedriven.body()).get("status").asText()),
                    () -> assertFalse(observationEvents.isEmpty(), "the re-driven observation is on Kafka"),
                    () -> assertTrue(lettersOf(stillDeadLettered, probeKey).isEmpty()
                            && lettersOf(stillDeadLettered, observationKey).isEmpty(), "re-driven letters are removed"),
                    report::assertInvariants);
        }
    }

    @Test
    void oneOfTwoBusinessLogicInstancesKilledMidLoadLeavesEveryKeyPublishedAtMostOnce() throws Exception {
        startPrecinct("bl", 2);
        var prefix = "fault-bl-" + run;
        var before = RealServices.endOffsets(OFFICERS);
        try (var load = load(prefix, "B" + run)) {
            started = System.nanoTime();
            load.start();
            load.awaitAccepted(200, WAIT);

            step("bl", "kill -9 " + businessLogic.getFirst().name());
            long killed = System.nanoTime();
            killedOnPurpose.add(businessLogic.getFirst());
            businessLogic.getFirst().kill();
            var recovery = load.awaitAcceptedSentAfter(killed, WAIT);
            step("bl", "202s again");
            // the keys the killed instance held are taken over once their leases end, after a search of the log
            load.awaitAccepted(load.accepted() + 300, WAIT);
            var histories = load.finish(WAIT.multipliedBy(2));
            var report = new FaultReport("one of two business-logic JVMs kill -9 mid-load", histories,
                    RealServices.records(OFFICERS, before, record -> commandId(record).startsWith(prefix + "-")),
                    recovery);
            System.out.println(report);

            report.assertInvariants();
        }
    }

    @Test
    void postgresqlStoppedAndStartedMidLoadLeavesEveryKeyPublishedAtMostOnce() throws Exception {
        startPrecinct("postgres", 1);
        var prefix = "fault-pg-" + run;
        var before = RealServices.endOffsets(OFFICERS);
        try (var load = load(prefix, "P" + run)) {
            started = System.nanoTime();
            load.start();
            load.awaitAccepted(100, WAIT);

            step("postgres", "stop PostgreSQL");
            servers.postgres().stop();
            load.awaitErrors(2 * CONCURRENCY, WAIT);
            step("postgres", "start PostgreSQL");
            servers.postgres().start();
            long back = System.nanoTime();
            step("postgres", "PostgreSQL is back");
            var recovery = load.awaitAcceptedSentAfter(back, WAIT);
            step("postgres", "202s again");
            load.awaitAccepted(load.accepted() + 200, WAIT);
            var histories = load.finish(WAIT.multipliedBy(2));
            var report = new FaultReport("PostgreSQL stopped mid-load, started", histories,
                    RealServices.records(OFFICERS, before, record -> commandId(record).startsWith(prefix + "-")),
                    recovery);
            System.out.println(report);

            report.assertInvariants();
        }
    }

    @Test
    void aNatsServerRestartedMidLoadMakesTheEdgeUnreadyMeanwhileAndLeavesEveryKeyPublishedAtMostOnce()
            throws Exception {
        startPrecinct("nats", 1);
        var prefix = "fault-nats-" + run;
        var before = RealServices.endOffsets(OFFICERS);
        var http = new Http(edge.httpPort());
        try (var load = load(prefix, "N" + run)) {
            started = System.nanoTime();
            load.start();
            load.awaitAccepted(100, WAIT);

            step("nats", "kill -9 nats-server");
            servers.nats().stop();
            var unready = awaitReadiness(http, 503);
            step("nats", "the edge is not ready");
            load.awaitErrors(2 * CONCURRENCY, WAIT);
            step("nats", "restart nats-server");
            servers.nats().start();
            long back = System.nanoTime();
            step("nats", "nats-server is back");
            var recovery = load.awaitAcceptedSentAfter(back, WAIT);
            step("nats", "202s again");
            var readyAgain = awaitReadiness(http, 200);
            load.awaitAccepted(load.accepted() + 200, WAIT);
            var histories = load.finish(WAIT.multipliedBy(2));
            var report = new FaultReport("NATS server restarted mid-load", histories,
                    RealServices.records(OFFICERS, before, record -> commandId(record).startsWith(prefix + "-")),
                    recovery);
            System.out.println(report);

            assertAll(
                    () -> assertEquals("DOWN", unready.get("checks").get("nats").asText(), unready.toString()),
                    () -> assertEquals("UP", readyAgain.get("status").asText(), readyAgain.toString()),
                    report::assertInvariants);
        }
    }

    // --- Precinct as separate JVMs ------------------------------------------------------------------------------

    /** An edge and {@code instances} business-logic JVMs on a fresh database, started side by side. */
    private void startPrecinct(String scenario, int instances) throws Exception {
        var environment = PrecinctProcess.environment(TestServices.natsUrl(), TestServices.kafkaBootstrap(),
                TestServices.freshDatabase(), TestServices.jdbcUser(), TestServices.jdbcPassword(), TestTokens.SECRET);
        environment.put("PRECINCT_REQUEST_TIMEOUT_MS", Long.toString(REQUEST_TIMEOUT.toMillis()));
        var logs = LOGS.resolve(scenario + "-" + run);
        try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
            var starting = new ArrayList<Future<PrecinctProcess>>();
            for (int i = 1; i <= instances; i++) {
                var name = "bl-" + i;
                starting.add(starter.submit(() -> PrecinctProcess.start(name, "bl", environment, logs)));
            }
            starting.add(starter.submit(() -> PrecinctProcess.start("edge", "edge", environment, logs)));
            Exception failure = null;
            for (var future : starting) {
                try {
                    processes.add(future.get());
                } catch (ExecutionException e) {
                    failure = e;
                }
            }
            if (failure != null) throw failure;
        }
        edge = processes.getLast();
        businessLogic.addAll(processes.subList(0, instances));
    }

    private CommandLoad load(String prefix, String badgePrefix) {
        return new CommandLoad(edge.base(), TestTokens.anyRole(), prefix, badgePrefix, CONCURRENCY, RETRY_BUDGET);
    }

    // --- the edge's operations routes ---------------------------------------------------------------------------

    /** Polls {@code /health/ready} until it answers {@code status}; returns that answer's body. */
    private static JsonNode awaitReadiness(Http http, int status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = http.get("/health/ready");
            if (last.statusCode() == status) return JSON.readTree(last.body());
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return fail("readiness did not answer " + status + " within " + WAIT + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private static List<JsonNode> deadLetters(Http http) throws Exception {
        var response = http.get("/admin/dead-letters");
        assertEquals(200, response.statusCode(), response.body());
        return StreamSupport.stream(JSON.readTree(response.body()).get("items").spliterator(), false).toList();
    }

    private static HttpResponse<String> redrive(Http http, JsonNode letter) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(http.uri("/admin/dead-letters/" + letter.get("id").asText()
                + "/redrive"))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static List<JsonNode> lettersOf(List<JsonNode> letters, String commandId) {
        return letters.stream().filter(letter -> letter.get("commandId").asText().equals(commandId)).toList();
    }

    private static JsonNode letterOf(List<JsonNode> letters, String commandId) {
        var found = lettersOf(letters, commandId);
        assertEquals(1, found.size(), "dead letters of " + commandId + ": " + found);
        return found.getFirst();
    }

    private static void assertDeadLetter(JsonNode letter, String commandType) {
        assertEquals("command", letter.get("kind").asText(), letter.toString());
        assertEquals(commandType, letter.get("commandType").asText(), letter.toString());
        assertFalse(letter.get("error").asText().isBlank(), letter.toString());
        assertFalse(letter.get("failedAt").asText().isBlank(), letter.toString());
        assertTrue(letter.get("correlationId").isTextual() && letter.get("data").isObject(), letter.toString());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** Prints a step of the scenario with the time since the load started, to read beside the processes' logs. */
    private void step(String scenario, String what) {
        System.out.printf("[fault] %s +%d ms (%s): %s%n", scenario, Duration.ofNanos(System.nanoTime() - started)
                .toMillis(), LocalTime.now(), what);
    }

    private static String commandId(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("ce_commandid");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<CarefulClient.Answer> concat(KeyHistory first, KeyHistory then) {
        var answers = new ArrayList<>(first.answers());
        answers.addAll(then.answers());
        return answers;
    }

    /** Four characters of [A-Z0-9]: keys and badges unique to this run. */
    private static String randomTag() {
        var random = new SecureRandom();
        var tag = new StringBuilder();
        for (int i = 0; i < 4; i++) tag.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(random.nextInt(36)));
        return tag.toString();
    }
}
