package dev.precinct.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JVM's text thread dump ({@code jcmd Thread.dump_to_file -format=text}) for a failed test's report. */
final class ThreadDumps {
    private static final int FRAMES = 25;

    private ThreadDumps() {
    }

    /**
     * Prints the threads of {@code dump} whose stacks pass through Precinct's or jnats' code, each with its first
     * frames: what the process was doing, without the hundreds of idle pool threads.
     */
    static void printPrecinctStacks(Path dump, PrintStream out) throws IOException {
        for (var thread : threads(Files.readAllLines(dump, StandardCharsets.UTF_8))) {
            if (thread.stream().noneMatch(line -> line.contains("dev.precinct.") || line.contains("io.nats.")))
                continue;
            thread.stream().limit(FRAMES).forEach(line -> out.println("[fault]   " + line));
            out.println("[fault]");
        }
    }

    /** The dump's threads: blocks of lines starting with a {@code #<tid>} line. */
    private static List<List<String>> threads(List<String> lines) {
        var threads = new ArrayList<List<String>>();
        List<String> current = null;
        for (var line : lines) {
            if (line.startsWith("#")) {
                current = new ArrayList<>();
                threads.add(current);
            }
            if (current != null && !line.isBlank()) current.add(line);
        }
        return threads;
    }
}
