package dev.precinct.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the run ran on, from {@code /proc} and {@code java -version}: the first lines of BENCHMARKS.md. */
public record MachineFacts(String cpu, int cores, long memoryBytes, String kernel, String loadAverage,
                           List<String> javaVersion) {

    public static MachineFacts ofThisMachine() {
        var cpu = lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        long memory = lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) << 10).findFirst().orElse(0L);
        var kernel = lines("/proc/version").stream().findFirst().map(l -> String.join(" ",
                List.of(l.split(" ")).subList(0, Math.min(3, l.split(" ").length)))).orElse("unknown kernel");
        var load = lines("/proc/loadavg").stream().findFirst()
                .map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3))).orElse("unknown");
        return new MachineFacts(cpu, Runtime.getRuntime().availableProcessors(), memory, kernel, load, runJavaVersion());
    }

    /** The load average now (1, 5, 15 minutes), to show how busy the machine was. */
    public static String loadAverageNow() {
        return lines("/proc/loadavg").stream().findFirst()
                .map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3))).orElse("unknown");
    }

    public String memory() {
        return String.format(Locale.ROOT, "%.1f GiB", memoryBytes / (1024.0 * 1024 * 1024));
    }

    private static List<String> runJavaVersion() {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            var process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output.lines().toList();
        } catch (IOException e) {
            return List.of(System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(System.getProperty("java.runtime.version"));
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }
}
