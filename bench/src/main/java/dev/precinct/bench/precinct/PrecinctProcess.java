package dev.precinct.bench.precinct;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Precinct JVM: {@code java -jar precinct.jar --role ROLE}, configured by environment variables only, as an
 * operator runs it. Its output goes to a log file, its GC log (for the heap figures) to another. Every process
 * started here is also stopped by a JVM shutdown hook, so none outlives the benchmark even when it fails.
 */
public final class PrecinctProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("stop-precinct-processes").unstarted(() -> {
            for (var process : RUNNING) destroyTree(process.toHandle(), true);
        }));
    }

    private final String role;
    private final Process process;
    private final Path log;
    private final Path gcLog;

    private PrecinctProcess(String role, Process process, Path log, Path gcLog) {
        this.role = role;
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
    }

    /**
     * Starts {@code jar} with {@code --role role}. The environment is the benchmark's without any
     * {@code PRECINCT_*} variable, plus {@code settings}.
     *
     * @param flightRecording where to write a JFR recording (profile settings) of the whole run; null for none
     * @param jvmFlags        extra flags for the JVM, before {@code -jar}
     */
    public static PrecinctProcess start(Path jar, String role, Map<String, String> settings, Path directory,
                                        String name, Path flightRecording, List<String> jvmFlags) throws IOException {
        Files.createDirectories(directory);
        var log = directory.resolve(name + ".log");
        var gcLog = directory.resolve(name + ".gc.log");
        var command = new ArrayList<>(List.of(javaExecutable().toString(),
                "-Xlog:gc:file=" + gcLog + ":timemillis"));
        command.addAll(jvmFlags);
        if (flightRecording != null)
            command.add("-XX:StartFlightRecording=filename=" + flightRecording + ",settings=profile,dumponexit=true");
        command.addAll(List.of("-jar", jar.toString(), "--role", role));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("PRECINCT_"));
        builder.environment().putAll(settings);
        var process = builder.start();
        RUNNING.add(process);
        return new PrecinctProcess(role, process, log, gcLog);
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public String role() {
        return role;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path gcLog() {
        return gcLog;
    }

    public Path log() {
        return log;
    }

    /** Throws when the process has ended, with the end of its log. */
    public void checkAlive() {
        if (!process.isAlive())
            throw new IllegalStateException("Precinct (" + role + ") exited with " + process.exitValue()
                    + "; end of " + log + ":\n" + tail(30));
    }

    /** The last {@code lines} lines of the process's output. */
    public String tail(int lines) {
        try {
            var all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (Precinct then shuts down gracefully), SIGKILL after 20 s; waits until the process is gone. */
    @Override
    public void close() {
        destroyTree(process.toHandle(), false);
        RUNNING.remove(process);
    }

    private static void destroyTree(ProcessHandle root, boolean atOnce) {
        var all = new ArrayList<ProcessHandle>();
        root.descendants().forEach(all::add);
        all.add(root);
        for (var handle : all) {
            if (atOnce) handle.destroyForcibly();
            else handle.destroy();
        }
        for (var handle : all) {
            try {
                handle.onExit().get(atOnce ? 5 : STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
                try {
                    handle.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // a process that survives SIGKILL for 5 s is beyond what we can do
                }
            }
        }
    }
}
