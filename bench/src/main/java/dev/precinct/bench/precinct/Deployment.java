package dev.precinct.bench.precinct;

import dev.precinct.bench.load.HttpConnection;
import dev.precinct.bench.workload.Services;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.net.InetAddress;

/**
 * Precinct running on the run's servers in one {@link Topology}: its JVMs, the edge's port, each JVM's management
 * port (its {@code /health} and {@code /metrics}), the database its read models, checkpoints and idempotency keys
 * live in. {@link #close()} stops every JVM (gracefully, then by force).
 */
public final class Deployment implements AutoCloseable {
    private final Topology topology;
    private final List<PrecinctProcess> processes;
    private final int edgePort;
    private final List<Integer> managementPorts;

    private Deployment(Topology topology, List<PrecinctProcess> processes, int edgePort, List<Integer> managementPorts) {
        this.topology = topology;
        this.processes = processes;
        this.edgePort = edgePort;
        this.managementPorts = managementPorts;
    }

    /**
     * Starts the JVMs of {@code topology}, each with a management port of its own, and waits until every one is
     * ready ({@code /health/ready} answers 200 on its management port).
     *
     * @param authSecret the HS256 secret the edge verifies tokens with; null to configure none
     * @param profile    record each JVM with JFR into {@code directory}
     * @param jvmFlags   extra flags for every JVM
     */
    public static Deployment start(Topology topology, Services services, String jdbcUrl, Path jar, Path directory,
                                   String authSecret, boolean profile, List<String> jvmFlags, Duration readyTimeout)
            throws Exception {
        int edgePort = freePort();
        var settings = new HashMap<String, String>();
        settings.put("PRECINCT_NATS_URL", services.natsUrl());
        settings.put("PRECINCT_KAFKA_BOOTSTRAP", services.kafkaBootstrap());
        settings.put("PRECINCT_JDBC_URL", jdbcUrl);
        settings.put("PRECINCT_JDBC_USER", services.jdbcUser());
        settings.put("PRECINCT_JDBC_PASSWORD", services.jdbcPassword());
        settings.put("PRECINCT_HTTP_HOST", "127.0.0.1");
        settings.put("PRECINCT_HTTP_PORT", Integer.toString(edgePort));
        if (authSecret != null) settings.put("PRECINCT_AUTH_HS256_SECRET", authSecret);
        settings.put("PRECINCT_MANAGEMENT_HOST", "127.0.0.1");
        var processes = new ArrayList<PrecinctProcess>();
        var managementPorts = new ArrayList<Integer>();
        var deployment = new Deployment(topology, processes, edgePort, managementPorts);
        try {
            for (var role : topology.roles()) {
                var name = topology.shortName() + "-" + role;
                int managementPort = freePort();
                var processSettings = new HashMap<>(settings);
                processSettings.put("PRECINCT_MANAGEMENT_PORT", Integer.toString(managementPort));
                processes.add(PrecinctProcess.start(jar, role, Map.copyOf(processSettings), directory, name,
                        profile ? directory.resolve(name + ".jfr") : null, jvmFlags));
                managementPorts.add(managementPort);
            }
            for (int port : managementPorts) deployment.awaitReady(port, readyTimeout);
            return deployment;
        } catch (Exception | Error e) {
            deployment.close();
            throw e;
        }
    }

    public Topology topology() {
        return topology;
    }

    public int edgePort() {
        return edgePort;
    }

    /** The management port of each JVM, where its {@code /health} and {@code /metrics} are served. */
    public List<Integer> managementPorts() {
        return List.copyOf(managementPorts);
    }

    public List<PrecinctProcess> processes() {
        return List.copyOf(processes);
    }

    /** Throws when one of the JVMs has ended. */
    public void checkAlive() {
        processes.forEach(PrecinctProcess::checkAlive);
    }

    private void awaitReady(int managementPort, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        try (var connection = new HttpConnection("127.0.0.1", managementPort, null)) {
            while (System.nanoTime() < deadline) {
                checkAlive();
                try {
                    var response = connection.get("/health/ready");
                    if (response.status() == 200) return;
                    last = response.status() + " " + response.text();
                } catch (IOException e) {
                    last = e.toString();
                    connection.close();
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                if (Thread.interrupted()) throw new InterruptedException();
            }
        }
        throw new IllegalStateException("Precinct (" + topology.description() + ") was not ready within "
                + timeout.toSeconds() + " s; last answer: " + last);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops every JVM at once (each gracefully, then by force) and waits until all are gone. */
    @Override
    public void close() {
        var stopping = processes.stream().map(p -> Thread.ofVirtual().start(p::close)).toList();
        for (var thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
