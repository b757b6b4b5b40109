package dev.precinct.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of the benchmark:
 * {@code [--quick] [--jar PATH] [--work DIR] [--report ROOT] [--profile] [--only all,floors,split,replay]
 * [--precinct-jvm FLAG]...}.
 *
 * @param jar     Precinct's runnable jar
 * @param work    where the run keeps the logs, GC logs and recordings of the JVMs it starts
 * @param report  where to write BENCHMARKS.md and {@code docs/bench/*.png}; empty to write nothing
 * @param profile record every Precinct JVM with JFR (profile settings) into {@code work}
 * @param parts   the parts to run; the rows of the others stay unmeasured
 * @param precinctJvmFlags extra flags for every Precinct JVM ({@code --precinct-jvm -Xmx256m}, repeatable)
 * @param command the command line as typed, for BENCHMARKS.md
 */
public record BenchOptions(Plan plan, Path jar, Path work, Optional<Path> report, boolean profile, Set<Part> parts,
                           List<String> precinctJvmFlags, String command) {

    /** The parts of a run, in the order they run. */
    public enum Part { ALL, FLOORS, SPLIT, REPLAY }

    public static BenchOptions parse(List<String> arguments, String command) {
        var plan = Plan.FULL;
        var jar = Path.of("app/target/precinct.jar");
        var work = Path.of("bench/target/bench-run");
        Optional<Path> report = Optional.empty();
        boolean profile = false;
        Set<Part> parts = EnumSet.allOf(Part.class);
        var precinctJvmFlags = new ArrayList<String>();
        var queue = new ArrayList<>(arguments);
        while (!queue.isEmpty()) {
            var argument = queue.removeFirst();
            switch (argument) {
                case "--quick" -> plan = Plan.QUICK;
                case "--profile" -> profile = true;
                case "--jar" -> jar = Path.of(value(queue, argument));
                case "--work" -> work = Path.of(value(queue, argument));
                case "--report" -> report = Optional.of(Path.of(value(queue, argument)));
                case "--precinct-jvm" -> precinctJvmFlags.add(value(queue, argument));
                case "--only" -> {
                    parts = EnumSet.noneOf(Part.class);
                    for (var part : value(queue, argument).split(","))
                        parts.add(Part.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                }
                default -> throw new IllegalArgumentException("unknown argument " + argument + "; usage: "
                        + "[--quick] [--jar PATH] [--work DIR] [--report ROOT] [--profile] "
                        + "[--only all,floors,split,replay] [--precinct-jvm FLAG]...");
            }
        }
        return new BenchOptions(plan, jar, work, report, profile, parts, List.copyOf(precinctJvmFlags), command);
    }

    private static String value(List<String> queue, String flag) {
        if (queue.isEmpty()) throw new IllegalArgumentException(flag + " needs a value");
        return queue.removeFirst();
    }
}
