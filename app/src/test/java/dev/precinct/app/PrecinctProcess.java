package dev.precinct.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One Precinct role in a JVM of its own, started from the runnable jar ({@code app/target/precinct.jar}, built by
 * {@code package} before the integration tests run) with its configuration in environment variables, as an
 * operator would run it; its output goes to a log file. Killed for real: {@link #kill()} is {@code kill -9}.
 */
final class PrecinctProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "precinct.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;

    private PrecinctProcess(String name, Process process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code role} with {@code environment} (the {@code PRECINCT_*} variables; the HTTP port is chosen here)
     * and returns once it has started: an edge once it is ready, other roles once they log that they started.
     */
    static PrecinctProcess start(String name, String role, Map<String, String> environment, Path logDirectory)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR))
            fail(JAR.toAbsolutePath() + " is missing: run the integration tests with Maven's verify, which builds it");
        Files.createDirectories(logDirectory);
        var log = logDirectory.resolve(name + ".log");
        int port = aFreePort();
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                JAR.toAbsolutePath().toString(), "--role", role));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        var env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("PRECINCT_"));
        env.putAll(environment);
        env.put("PRECINCT_HTTP_HOST", "127.0.0.1");
        env.put("PRECINCT_HTTP_PORT", Integer.toString(port));
        var started = new PrecinctProcess(name, builder.start(), log, port);
        try {
            started.awaitStarted(role);
        } catch (AssertionError | RuntimeException | InterruptedException e) {
            started.kill();
            throw e;
        }
        return started;
    }

    private void awaitStarted(String role) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) fail(name + " exited with " + process.exitValue() + " while starting; see " + log);
            if (role.equals("edge") ? ready(http) : logged("Precinct started")) return;
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        fail(name + " did not start within " + START_TIMEOUT + "; see " + log);
    }

    private boolean ready(HttpClient http) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base() + "/health/ready")).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private boolean logged(String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** The edge's base URI, {@code http://127.0.0.1:PORT}. */
    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    int httpPort() {
        return httpPort;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Writes the stacks of every thread of the running JVM, virtual ones included, to a file beside its log and
     * returns that file: for a test that failed, to show where the process was stuck. Uses the test JVM's
     * {@code jcmd}; returns empty when the process has ended or the dump failed.
     */
    Optional<Path> dumpThreads() throws IOException, InterruptedException {
        if (!process.isAlive()) return Optional.empty();
        var java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        var dump = log.resolveSibling(name + "-threads-" + System.currentTimeMillis() + ".txt").toAbsolutePath();
        var jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(process.pid()),
                "Thread.dump_to_file", "-format=text", dump.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return jcmd.waitFor(30, TimeUnit.SECONDS) && jcmd.exitValue() == 0 && Files.exists(dump)
                ? Optional.of(dump) : Optional.empty();
    }

    /** The exit code, when the process has ended (143: SIGTERM, 137: SIGKILL). */
    OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** {@code kill -9} of the JVM and anything it started; returns once it is gone. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
            fail(name + " survived kill -9 for " + STOP_TIMEOUT);
    }

    /** SIGTERM (a graceful shutdown), then {@code kill -9} if it has not stopped in time. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) kill();
    }

    /** The PRECINCT_* variables of a role on the test run's servers, with the tests' token secret. */
    static Map<String, String> environment(String natsUrl, String kafkaBootstrap, String jdbcUrl, String jdbcUser,
                                           String jdbcPassword, String tokenSecret) {
        var environment = new HashMap<String, String>();
        environment.put("PRECINCT_NATS_URL", natsUrl);
        environment.put("PRECINCT_KAFKA_BOOTSTRAP", kafkaBootstrap);
        environment.put("PRECINCT_JDBC_URL", jdbcUrl);
        environment.put("PRECINCT_JDBC_USER", jdbcUser);
        environment.put("PRECINCT_JDBC_PASSWORD", jdbcPassword);
        environment.put("PRECINCT_AUTH_HS256_SECRET", tokenSecret);
        return environment;
    }

    private static int aFreePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
