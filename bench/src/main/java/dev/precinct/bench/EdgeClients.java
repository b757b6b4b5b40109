package dev.precinct.bench;

import dev.precinct.bench.load.Client;
import dev.precinct.bench.load.HttpConnection;
import dev.precinct.bench.load.VisibilityWatch;
import dev.precinct.bench.precinct.Deployment;
import dev.precinct.bench.workload.Workload;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.io.IOException;
import java.util.function.Supplier;

/** The clients of Precinct's edge: each one connection, sending commands and checking for the 202. */
final class EdgeClients {
    private final Deployment deployment;
    private final String token;
    private final Workload workload;

    /** @param token the bearer token, null for none */
    EdgeClients(Deployment deployment, String token, Workload workload) {
        this.deployment = deployment;
        this.token = token;
        this.workload = workload;
    }

    /** Clients that register a new officer per call (acknowledged: edge → NATS → business logic → Kafka). */
    Client.Factory registrations() {
        return index -> client((connection) -> connection.postJson(Workload.OFFICERS_PATH,
                workload.registerOfficer(workload.nextBadge())).status() == 202);
    }

    /** Clients that record an observation per call (fire-and-forget: edge → Kafka). */
    Client.Factory observations() {
        return index -> client((connection) -> connection.postJson(Workload.OBSERVATIONS_PATH,
                workload.observation()).status() == 202);
    }

    /** Registrations whose correlation ids {@code watch} then waits for, from the moment the 202 arrived. */
    Client.Factory watchedRegistrations(VisibilityWatch watch) {
        return watched(watch, () -> Workload.OFFICERS_PATH, () -> workload.registerOfficer(workload.nextBadge()));
    }

    /** Observations whose correlation ids {@code watch} then waits for, from the moment the 202 arrived. */
    Client.Factory watchedObservations(VisibilityWatch watch) {
        return watched(watch, () -> Workload.OBSERVATIONS_PATH, workload::observation);
    }

    private Client.Factory watched(VisibilityWatch watch, Supplier<String> path, Supplier<byte[]> body) {
        return index -> client(connection -> {
            var response = connection.postJson(path.get(), body.get());
            long acknowledgedAt = System.nanoTime();
            if (response.status() != 202) return false;
            watch.expect(correlationId(response.text()), acknowledgedAt);
            return true;
        });
    }

    /** Registers officers until one is accepted: the business logic is up and the token is good. */
    void awaitAccepting(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        var last = "no answer";
        try (var connection = connection()) {
            while (System.nanoTime() < deadline) {
                deployment.checkAlive();
                try {
                    var response = connection.postJson(Workload.OFFICERS_PATH,
                            workload.registerOfficer(workload.nextBadge()));
                    if (response.status() == 202) return;
                    last = response.status() + " " + response.text();
                    if (response.status() == 401 || response.status() == 403)
                        throw new IllegalStateException("the edge refuses the benchmark's requests: " + last
                                + " (does this jar mint tokens with `precinct.jar token`?)");
                } catch (IOException e) {
                    last = e.toString();
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
        throw new IllegalStateException("Precinct accepted no command within " + timeout.toSeconds() + " s; last "
                + "answer: " + last);
    }

    private HttpConnection connection() {
        return new HttpConnection("127.0.0.1", deployment.edgePort(), token);
    }

    private Client client(Exchange exchange) {
        var connection = connection();
        return new Client() {
            @Override
            public boolean call() throws Exception {
                return exchange.call(connection);
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    @FunctionalInterface
    private interface Exchange {
        boolean call(HttpConnection connection) throws Exception;
    }

    /** The {@code correlationId} of a 202 body. */
    static String correlationId(String body) {
        var field = "\"correlationId\":\"";
        int start = body.indexOf(field);
        if (start < 0) throw new IllegalStateException("a 202 without a correlationId: " + body);
        start += field.length();
        return body.substring(start, body.indexOf('"', start));
    }
}
