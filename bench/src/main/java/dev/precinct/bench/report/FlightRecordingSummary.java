package dev.precinct.bench.report;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a JFR recording's CPU samples ({@code jdk.ExecutionSample}) went, three ways: by thread, by the library of
 * the top frame (self time), and by the innermost Precinct method on the stack (what Precinct was doing, callees
 * included). For the recordings of {@code scripts/bench --profile}:
 * {@code java -cp CLASSPATH dev.precinct.bench.report.FlightRecordingSummary FILE [FROM_SECOND TO_SECOND]}, the
 * window in seconds since the recording's first event.
 */
public final class FlightRecordingSummary {
    private static final List<String[]> LIBRARIES = List.of(
            new String[]{"org.postgresql", "PostgreSQL JDBC driver"}, new String[]{"org.jdbi", "Jdbi"},
            new String[]{"com.zaxxer", "HikariCP"}, new String[]{"com.fasterxml.jackson", "Jackson"},
            new String[]{"com.nimbusds", "nimbus-jose-jwt"}, new String[]{"io.undertow", "Undertow"},
            new String[]{"org.xnio", "XNIO"}, new String[]{"io.nats", "jnats"},
            new String[]{"org.apache.kafka", "Kafka client"}, new String[]{"io.micrometer", "Micrometer"},
            new String[]{"ch.qos.logback", "logging"}, new String[]{"org.slf4j", "logging"},
            new String[]{"dev.precinct", "Precinct"}, new String[]{"java.util.concurrent", "JDK concurrency"},
            new String[]{"java.time", "java.time"}, new String[]{"java.util", "java.util"},
            new String[]{"java.lang", "java.lang"}, new String[]{"java.", "JDK, other"},
            new String[]{"jdk.", "JDK, other"}, new String[]{"sun.", "JDK, other"});

    private FlightRecordingSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: FlightRecordingSummary FILE [FROM_SECOND TO_SECOND]");
            System.exit(2);
        }
        double from = args.length == 3 ? Double.parseDouble(args[1]) : 0;
        double to = args.length == 3 ? Double.parseDouble(args[2]) : Double.MAX_VALUE;
        summarise(Path.of(args[0]), from, to, System.out);
    }

    public static void summarise(Path recording, double fromSecond, double toSecond, PrintStream out)
            throws IOException {
        var byThread = new HashMap<String, Integer>();
        var byLibrary = new HashMap<String, Integer>();
        var byPrecinctMethod = new HashMap<String, Integer>();
        int samples = 0;
        Instant first = null;
        try (var file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                var event = file.readEvent();
                if (first == null) first = event.getStartTime();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                double at = Duration.between(first, event.getStartTime()).toMillis() / 1000.0;
                if (at < fromSecond || at > toSecond || event.getStackTrace() == null) continue;
                samples++;
                var thread = event.getThread("sampledThread");
                var threadName = thread == null || thread.getJavaName() == null ? "?"
                        : thread.isVirtual() ? "(virtual threads)" : thread.getJavaName().replaceAll("[0-9]+", "N");
                byThread.merge(threadName, 1, Integer::sum);
                var frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) continue;
                byLibrary.merge(library(frames.getFirst().getMethod().getType().getName()), 1, Integer::sum);
                byPrecinctMethod.merge(innermostPrecinctMethod(frames), 1, Integer::sum);
            }
        }
        out.printf("%d CPU samples%n", samples);
        print(out, "by thread", byThread, samples, 15);
        print(out, "by library of the top frame (self time)", byLibrary, samples, 20);
        print(out, "by innermost Precinct method on the stack (callees included)", byPrecinctMethod, samples, 30);
    }

    private static String innermostPrecinctMethod(List<RecordedFrame> frames) {
        for (var frame : frames) {
            var type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.precinct"))
                return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
        }
        return "(no Precinct frame)";
    }

    private static String library(String type) {
        for (var library : LIBRARIES) if (type.startsWith(library[0])) return library[1];
        return type;
    }

    private static void print(PrintStream out, String title, Map<String, Integer> counts, int total, int limit) {
        out.printf("%n%s%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }
}
