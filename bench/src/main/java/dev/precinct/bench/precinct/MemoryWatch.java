package dev.precinct.bench.precinct;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Watches the memory of Precinct JVMs during a window without touching them: the resident set from
 * {@code /proc/PID/status} every 100 ms, the heap from each JVM's GC log (every collection logs the heap in use
 * before and after it and the heap committed), plus one {@code jcmd GC.heap_info} at the end of the window.
 */
public final class MemoryWatch {
    private static final Pattern GC_LINE = Pattern.compile(
            "^\\[(\\d+)ms\\].*\\bGC\\(\\d+\\).*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final List<PrecinctProcess> processes;
    private final Map<Long, Long> residentPeaks = new HashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final long startedAtMillis = System.currentTimeMillis();
    private final Thread sampler;

    private MemoryWatch(List<PrecinctProcess> processes) {
        this.processes = processes;
        this.sampler = Thread.ofPlatform().name("memory-watch").daemon().start(this::sample);
    }

    public static MemoryWatch start(List<PrecinctProcess> processes) {
        return new MemoryWatch(List.copyOf(processes));
    }

    private void sample() {
        try {
            do {
                for (var process : processes) {
                    long rss = residentBytes(process.pid());
                    synchronized (residentPeaks) {
                        residentPeaks.merge(process.pid(), rss, Math::max);
                    }
                }
            } while (!stopping.await(100, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the window and returns each JVM's peaks, in the order the processes were given. */
    public List<MemoryPeak> stop() throws InterruptedException {
        long endedAtMillis = System.currentTimeMillis();
        stopping.countDown();
        sampler.join();
        var peaks = new ArrayList<MemoryPeak>();
        for (var process : processes) {
            long used = heapUsedNow(process.pid());
            long live = 0;
            long committed = 0;
            int collections = 0;
            for (var line : readLines(process.gcLog())) {
                var gc = GC_LINE.matcher(line);
                if (!gc.find()) continue;
                long at = Long.parseLong(gc.group(1));
                if (at < startedAtMillis || at > endedAtMillis) continue;
                collections++;
                used = Math.max(used, bytes(gc.group(2), gc.group(3)));
                live = Math.max(live, bytes(gc.group(4), gc.group(5)));
                committed = Math.max(committed, bytes(gc.group(6), gc.group(7)));
            }
            long rss;
            synchronized (residentPeaks) {
                rss = residentPeaks.getOrDefault(process.pid(), 0L);
            }
            peaks.add(new MemoryPeak(process.role(), used, live, committed, rss, collections));
        }
        return peaks;
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** VmRSS of process {@code pid}, 0 when it cannot be read. */
    static long residentBytes(long pid) {
        for (var line : readLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
        }
        return 0;
    }

    /** The heap in use now as {@code jcmd PID GC.heap_info} reports it; 0 when jcmd fails. */
    private static long heapUsedNow(long pid) {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            var process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly();
            var used = HEAP_USED.matcher(output);
            return used.find() ? Long.parseLong(used.group(1)) << 10 : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
