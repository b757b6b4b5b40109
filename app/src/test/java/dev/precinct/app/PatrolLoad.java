package dev.precinct.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.app.CarefulClient.Answer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A steady load over every read model: {@code workers} patrols, each running shifts one after another until told to
 * stop. A shift registers an officer, reports an incident and records a plate read; once the officer is projected
 * puts them on duty; once both are projected assigns the officer; records a location ping at the incident; closes
 * the incident; puts the officer off duty and records a last plate read. A command that depends on an earlier one
 * is sent only once the earlier one's outcome is known (acceptance checks the read models), so the load slows down
 * while no projector runs and picks up when one does. Every command has a key of its own ({@code prefix-…}) and is
 * sent through a {@link CarefulClient}; the load remembers every acceptance, and stops at the first answer or
 * outcome that is not a 202 or APPLIED, which {@link #finish} reports.
 */
final class PatrolLoad implements AutoCloseable {
    /** Commands per shift, and the final state of a completed shift's aggregates. */
    static final int COMMANDS_PER_SHIFT = 9;
    static final int OBSERVATIONS_PER_SHIFT = 3;
    /** Register, on duty, off duty; report, assign, close. */
    static final long OFFICER_VERSION = 3;
    static final long INCIDENT_VERSION = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(2);
    private static final Duration OUTCOME_DEADLINE = Duration.ofSeconds(90);
    private static final Duration RETRY_BUDGET = Duration.ofSeconds(20);

    /** One accepted command: its key, where it was sent, and the correlation id of its 202. */
    record Accepted(String key, String path, String correlationId) {
    }

    /** A shift that ran to its end: the officer's badge and the incident's id. */
    record Shift(String badge, String incidentId) {
    }

    private final String base;
    private final String token;
    private final String prefix;
    private final String badgePrefix;
    private final CarefulClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Thread> patrols = new ArrayList<>();
    private final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    private final List<Shift> shifts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopping;

    /**
     * @param prefix      the commands' keys start with {@code prefix-}
     * @param badgePrefix 1 to 6 characters of {@code [A-Z0-9]} that make the badges unique to this load
     */
    PatrolLoad(String base, String token, String prefix, String badgePrefix, int workers) {
        this.base = base;
        this.token = token;
        this.prefix = prefix;
        this.badgePrefix = badgePrefix;
        this.client = new CarefulClient(base, token, RETRY_BUDGET, answer -> { });
        for (int w = 1; w <= workers; w++) {
            int worker = w;
            patrols.add(Thread.ofVirtual().name("patrol-" + prefix + "-" + w).unstarted(() -> patrol(worker)));
        }
    }

    void start() {
        patrols.forEach(Thread::start);
    }

    private void patrol(int worker) {
        try {
            for (int n = 1; !stopping && failures.isEmpty(); n++) shift(worker, n);
        } catch (InterruptedException e) {
            failures.add("patrol " + worker + " was interrupted");
        } catch (AssertionError | RuntimeException | IOException e) {
            failures.add("patrol " + worker + ": " + e);
        }
    }

    private void shift(int worker, int n) throws InterruptedException, IOException {
        var badge = badgePrefix + "-" + worker + "-" + Integer.toString(n, 36).toUpperCase(Locale.ROOT);
        var key = prefix + "-" + worker + "-" + n;
        var registered = send(key + "-register", "/api/v1/officers", OfficerJson.registration(badge));
        var reported = send(key + "-report", "/api/v1/incidents", DomainJson.incident());
        var incident = reported.body().get("resource").asText().substring("/api/v1/incidents/".length());
        send(key + "-plate", "/api/v1/observations", DomainJson.plateRead(badge, "AB" + n + "CDE"));
        applied(registered);
        var onDuty = send(key + "-on-duty", "/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}");
        applied(onDuty);
        applied(reported);
        var assigned = send(key + "-assign", "/api/v1/incidents/" + incident + "/assignments",
                "{\"badgeNumber\":\"" + badge + "\"}");
        send(key + "-ping", "/api/v1/observations", """
                {"kind":"LOCATION_PING","observedAt":"2026-11-29T08:20:00Z","location":{"lat":51.5,"lon":-0.12},\
                "badgeNumber":"%s","incidentId":"%s"}""".formatted(badge, incident));
        applied(assigned);
        var closed = send(key + "-close", "/api/v1/incidents/" + incident + "/closure",
                "{\"resolution\":\"RESOLVED\",\"notes\":\"shift " + n + "\"}");
        applied(closed);
        var offDuty = send(key + "-off-duty", "/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"OFF_DUTY\"}");
        send(key + "-last-plate", "/api/v1/observations", DomainJson.plateRead(badge, "ZZ" + n + "CDE"));
        applied(offDuty);
        shifts.add(new Shift(badge, incident));
    }

    /** Sends one command under {@code key} until a final answer; fails unless it is a 202. */
    private Answer send(String key, String path, String body) throws InterruptedException {
        CarefulClient.KeyHistory history;
        try {
            history = client.send(path, key, body).get(RETRY_BUDGET.plusSeconds(10).toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(key + " got no final answer", e);
        }
        var answer = history.last();
        if (!answer.accepted()) throw new AssertionError(key + " answered " + answer.status() + " " + answer.body());
        accepted.add(new Accepted(key, path, answer.body().get("correlationId").asText()));
        return answer;
    }

    /** Waits until the command of {@code answer} is decided; fails unless it was applied. */
    private void applied(Answer answer) throws InterruptedException, IOException {
        var correlationId = answer.body().get("correlationId").asText();
        var deadline = System.nanoTime() + OUTCOME_DEADLINE.toNanos();
        while (true) {
            // a long poll wakes on the projector's notice; one that a killed projector never sent ends at its
            // wait, and the next poll reads the status the projector committed
            var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/commands/" + correlationId
                            + "?waitMs=" + OUTCOME_WAIT.toMillis())).header("Authorization", "Bearer " + token)
                    .timeout(OUTCOME_WAIT.plusSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                var status = JSON.readTree(response.body());
                if (!status.get("status").asText().equals("APPLIED"))
                    throw new AssertionError("command " + correlationId + " was not applied: " + status);
                return;
            }
            if (response.statusCode() != 404)
                throw new AssertionError("the status of " + correlationId + " answered " + response.statusCode() + " "
                        + response.body());
            if (System.nanoTime() > deadline)
                throw new AssertionError("command " + correlationId + " not decided within " + OUTCOME_DEADLINE);
        }
    }

    /**
     * Starts no more shifts, waits for the patrols to end the shifts they are in (their outcomes included), and
     * fails with the first failure any patrol met.
     */
    void finish(Duration within) throws InterruptedException {
        stopping = true;
        var deadline = System.nanoTime() + within.toNanos();
        for (var patrol : patrols)
            if (!patrol.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))))
                fail("the patrols did not end their shifts within " + within);
        if (!failures.isEmpty()) fail("the load failed: " + failures);
    }

    /** Every accepted command, once finished. */
    List<Accepted> acceptances() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    /** Every shift that ran to its end, once finished. */
    List<Shift> shifts() {
        synchronized (shifts) {
            return List.copyOf(shifts);
        }
    }

    @Override
    public void close() {
        stopping = true;
        client.close();
        http.close();
    }
}
