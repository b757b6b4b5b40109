package dev.precinct.app;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The test run's Kafka broker, NATS server and PostgreSQL cluster as processes a fault test stops and starts again:
 * the ones {@code scripts/with-services} started, whose state lives under {@code $PRECINCT_TEST_SERVICES_DIR} (see
 * the header of {@code scripts/lib/services.sh}). A server is restarted with the very command line it runs with now
 * (read from {@code /proc}), so it comes back on the same ports with the same data; the new pid goes into the pid
 * file, so that the script stops the server that then runs. Linux only, like the scripts.
 */
final class TestServers {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** One server. */
    interface Server {
        String name();

        /** Stops it: {@code kill -9} for the broker and NATS, a fast shutdown for PostgreSQL. Returns once it is down. */
        void stop() throws IOException, InterruptedException;

        /** Starts it again and returns once it serves. */
        void start() throws IOException, InterruptedException;

        boolean isUp() throws IOException, InterruptedException;

        /** Starts it again if it is down: for cleaning up after a test, whatever happened. */
        default void ensureUp() throws IOException, InterruptedException {
            if (!isUp()) start();
        }
    }

    private final Server kafka;
    private final Server nats;
    private final Server postgres;

    private TestServers(Path directory) throws IOException {
        this.kafka = new JavaServer("Kafka", directory.resolve("kafka"), "kafka.out",
                directory.resolve("kafka/kafka.log"), "Kafka Server started");
        this.nats = new NatsServer("NATS", directory.resolve("nats"));
        this.postgres = new PostgresServer(directory.resolve("postgres"));
    }

    /** The servers of this test run; fails when the run did not start them itself. */
    static TestServers ofThisRun() throws IOException {
        var directory = System.getenv("PRECINCT_TEST_SERVICES_DIR");
        if (directory == null || !Files.isRegularFile(Path.of(directory, "kafka", "kafka.pid"))
                || !Files.isRegularFile(Path.of(directory, "nats", "nats.pid"))
                || !Files.isDirectory(Path.of(directory, "postgres", "data")))
            fail("the fault tests stop and restart the servers, so they need the ones scripts/with-services starts "
                    + "(PRECINCT_TEST_SERVICES_DIR with kafka/, nats/ and postgres/; servers named by PRECINCT_TEST_* "
                    + "are not touched): run scripts/test");
        return new TestServers(Path.of(directory));
    }

    /**
     * The three nodes of the test run's Kafka cluster ({@code PRECINCT_TEST_KAFKA_CLUSTER_BOOTSTRAP}), in the order of
     * their {@code node.id}, 1 to 3; fails when the run did not start them.
     */
    static List<Server> kafkaCluster() throws IOException {
        var nodes = new ArrayList<Server>();
        for (var node : clusterNodes("kafka-cluster"))
            nodes.add(new JavaServer("Kafka node " + node.getFileName().toString().substring("node-".length()), node,
                    "kafka.pid", "kafka.out", node.resolve("kafka.log"), "Kafka Server started"));
        return nodes;
    }

    /**
     * The three nodes of the test run's NATS cluster ({@code PRECINCT_TEST_NATS_CLUSTER_URLS}), in the order of their
     * client URLs there; fails when the run did not start them.
     */
    static List<NatsServer> natsCluster() throws IOException {
        var nodes = new ArrayList<NatsServer>();
        for (var node : clusterNodes("nats-cluster"))
            nodes.add(new NatsServer("NATS " + node.getFileName(), node));
        return nodes;
    }

    private static List<Path> clusterNodes(String cluster) {
        var directory = System.getenv("PRECINCT_TEST_SERVICES_DIR");
        var nodes = new ArrayList<Path>();
        for (int n = 1; n <= 3; n++) {
            var node = directory == null ? null : Path.of(directory, cluster, "node-" + n);
            if (node == null || !Files.isDirectory(node))
                fail("the cluster fault tests kill and restart one node of a cluster that scripts/with-services starts "
                        + "when PRECINCT_TEST_CLUSTERS=true (as scripts/test sets it); " + cluster + "/node-" + n
                        + " is missing under PRECINCT_TEST_SERVICES_DIR=" + directory);
            nodes.add(node);
        }
        return nodes;
    }

    Server kafka() {
        return kafka;
    }

    Server nats() {
        return nats;
    }

    Server postgres() {
        return postgres;
    }

    /** Every server up again, whatever a test did to them. */
    void ensureAllUp() throws IOException, InterruptedException {
        for (var server : List.of(kafka, nats, postgres)) server.ensureUp();
    }

    /** A server started from a pid file: restarted with its own command line, in its own working directory. */
    private static class JavaServer implements Server {
        private final String name;
        private final Path pidFile;
        private final Path output;
        private final Path readyLog;
        private final String readyLine;
        private final List<String> commandLine;
        private final Path workingDirectory;

        JavaServer(String name, Path directory, String output, Path readyLog, String readyLine) throws IOException {
            this(name, directory, name.toLowerCase() + ".pid", output, readyLog, readyLine);
        }

        JavaServer(String name, Path directory, String pidFile, String output, Path readyLog, String readyLine)
                throws IOException {
            this.name = name;
            this.pidFile = directory.resolve(pidFile);
            this.output = directory.resolve(output);
            this.readyLog = readyLog;
            this.readyLine = readyLine;
            long pid = pid();
            var proc = Path.of("/proc", Long.toString(pid));
            if (!Files.exists(proc)) fail(name + " (pid " + pid + ") is not running");
            this.commandLine = Arrays.asList(new String(Files.readAllBytes(proc.resolve("cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            this.workingDirectory = Files.readSymbolicLink(proc.resolve("cwd"));
        }

        @Override
        public String name() {
            return name;
        }

        long pid() throws IOException {
            return Long.parseLong(Files.readString(pidFile).strip());
        }

        List<String> commandLine() {
            return commandLine;
        }

        @Override
        public boolean isUp() throws IOException {
            return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
        }

        @Override
        public void stop() throws IOException, InterruptedException {
            var process = ProcessHandle.of(pid());
            if (process.isEmpty()) return;
            process.get().destroyForcibly();
            try {
                process.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                fail(name + " survived kill -9 for " + STOP_TIMEOUT);
            }
        }

        @Override
        public void start() throws IOException, InterruptedException {
            long logSize = readyLog != null && Files.exists(readyLog) ? Files.size(readyLog) : 0;
            var process = new ProcessBuilder(commandLine).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            Files.writeString(pidFile, process.pid() + "\n");
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) fail(name + " exited with " + process.exitValue() + " on restart; see " + output);
                if (serves(logSize)) return;
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            fail(name + " did not come back within " + START_TIMEOUT + "; see " + output);
        }

        /** Whether the restarted server serves: its log has the ready line past {@code logSize}. */
        boolean serves(long logSize) throws IOException, InterruptedException {
            if (!Files.exists(readyLog)) return false;
            var bytes = Files.readAllBytes(readyLog);
            if (bytes.length < logSize) return false;
            return new String(bytes, (int) logSize, bytes.length - (int) logSize, StandardCharsets.UTF_8)
                    .contains(readyLine);
        }
    }

    /** nats-server, ready when its monitoring port's {@code /healthz} (JetStream included) answers 200. */
    static final class NatsServer extends JavaServer {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final URI health;
        private final URI connections;

        NatsServer(String name, Path directory) throws IOException {
            super(name, directory, "nats.pid", "nats.log", null, null);
            int monitor = commandLine().indexOf("-m");
            if (monitor < 0) fail("nats-server runs without a monitoring port (-m): " + commandLine());
            this.health = URI.create("http://127.0.0.1:" + commandLine().get(monitor + 1) + "/healthz");
            this.connections = URI.create("http://127.0.0.1:" + commandLine().get(monitor + 1) + "/connz?limit=1024");
        }

        /** The names of the client connections this node has now (its monitoring port's {@code /connz}). */
        List<String> clientNames() throws IOException, InterruptedException {
            var response = http.send(HttpRequest.newBuilder(connections).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) fail(name() + " /connz answered " + response.statusCode());
            var names = new ArrayList<String>();
            for (var connection : JSON.readTree(response.body()).path("connections"))
                names.add(connection.path("name").asText());
            return names;
        }

        @Override
        boolean serves(long logSize) throws InterruptedException {
            try {
                return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }
    }

    /**
     * The PostgreSQL cluster, stopped and started with {@code pg_ctl} (fast shutdown: clients are disconnected) as
     * the owner of its data directory, which is not root (PostgreSQL refuses to run as root).
     */
    private static final class PostgresServer implements Server {
        private final Path data;
        private final Path log;
        private final Path pgCtl;
        private final List<String> asOwner;

        PostgresServer(Path directory) throws IOException {
            this.data = directory.resolve("data");
            this.log = directory.resolve("postgres.log");
            var postmaster = Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip();
            this.pgCtl = Files.readSymbolicLink(Path.of("/proc", postmaster, "exe")).resolveSibling("pg_ctl");
            var owner = Files.getOwner(data).getName();
            this.asOwner = owner.equals(System.getProperty("user.name")) ? List.of() : List.of("runuser", "-u", owner, "--");
        }

        @Override
        public String name() {
            return "PostgreSQL";
        }

        @Override
        public void stop() throws IOException, InterruptedException {
            pgCtl("-D", data.toString(), "-m", "fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()), "stop");
        }

        @Override
        public void start() throws IOException, InterruptedException {
            pgCtl("-D", data.toString(), "-l", log.toString(), "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()),
                    "start");
        }

        @Override
        public boolean isUp() throws IOException, InterruptedException {
            return run(command("-D", data.toString(), "status")) == 0;
        }

        private void pgCtl(String... arguments) throws IOException, InterruptedException {
            int exit = run(command(arguments));
            if (exit != 0) fail("pg_ctl " + String.join(" ", arguments) + " failed with " + exit + "; see " + log);
        }

        private List<String> command(String... arguments) {
            var command = new ArrayList<>(asOwner);
            command.add(pgCtl.toString());
            command.addAll(List.of(arguments));
            return command;
        }

        private static int run(List<String> command) throws IOException, InterruptedException {
            var process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(START_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new UncheckedIOException(new IOException(String.join(" ", command) + " did not finish"));
            }
            return process.exitValue();
        }
    }
}
