package dev.precinct.bench;

import dev.precinct.bench.BenchRun.Outcome;
import dev.precinct.bench.BenchRun.Results;
import dev.precinct.bench.load.CpuUse;
import dev.precinct.bench.precinct.Topology;
import dev.precinct.bench.report.BenchmarksDocument;
import dev.precinct.bench.report.Charts;
import dev.precinct.bench.report.MachineFacts;
import dev.precinct.bench.report.ResultTable;
import dev.precinct.bench.workload.Services;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.Map;

/** Writes what a run measured under a root directory: BENCHMARKS.md's generated part and docs/bench/*.png. */
final class RunReport {
    static final String PLOTS = "docs/bench";

    private final Outcome outcome;
    private final BenchOptions options;
    private final Services services;
    private final MachineFacts machine;
    private final String loadAtStart;

    RunReport(Outcome outcome, BenchOptions options, Services services, MachineFacts machine, String loadAtStart) {
        this.outcome = outcome;
        this.options = options;
        this.services = services;
        this.machine = machine;
        this.loadAtStart = loadAtStart;
    }

    void write(Path root) throws IOException {
        var plots = root.resolve(PLOTS);
        var results = results();
        Charts.latencyCurves(plots.resolve("p1-latency.png"),
                "P1: acknowledged command, one client, against its floor", curves(results, "P1"));
        Charts.latencyCurves(plots.resolve("p2-latency.png"),
                "P2: acknowledged commands, " + Plan.CLIENTS + " clients, against its floor", curves(results, "P2"));
        Charts.latencyCurves(plots.resolve("p4-visibility.png"),
                "P4: 202 → APPLIED in PostgreSQL at 1,000 commands/s, against its floor", visibilityCurves(results));
        var bars = new ArrayList<Charts.Bar>();
        for (var row : List.of("P2", "P3")) {
            var group = row.equals("P2") ? "P2: acknowledged commands/s" : "P3: observations/s";
            for (var contender : contenders())
                results.load(Results.key(row, contender.key()))
                        .ifPresent(r -> bars.add(new Charts.Bar(group, contender.label(), r.perSecond())));
        }
        Charts.bars(plots.resolve("throughput.png"), "Throughput with " + Plan.CLIENTS + " clients, against the floors",
                bars);
        var replays = new ArrayList<Charts.Bar>();
        for (var contender : List.of(Results.PRECINCT_MEMORY, Results.KAFKA_STREAMS, Results.RAW_CONSUME,
                Results.PRECINCT_POSTGRES, Results.RAW_CONSUME_UPSERT))
            results.replay(contender).ifPresent(r -> replays.add(new Charts.Bar(contender, "events/s", r.perSecond())));
        Charts.bars(plots.resolve("replay.png"), String.format(Locale.ROOT, "P5: replay of %,d events from offset 0",
                options.plan().replayEvents()), replays);
        BenchmarksDocument.write(root.resolve("BENCHMARKS.md"), markdown());
    }

    private record Contender(String key, String label) {
    }

    private static List<Contender> contenders() {
        return List.of(new Contender(Topology.ONE_JVM.shortName(), "Precinct, one JVM"),
                new Contender(Topology.SPLIT.shortName(), "Precinct, edge + bl + projector JVMs"),
                new Contender(Results.FLOOR, "floor"));
    }

    private static List<Charts.Curve> curves(Results results, String row) {
        var curves = new ArrayList<>(closedCurves(results, row));
        var rate = results.rate(row).map(r -> String.format(Locale.ROOT, ", open loop at %,.0f/s", r)).orElse("");
        for (var contender : contenders())
            results.load(Results.openKey(row, contender.key()))
                    .ifPresent(r -> curves.add(new Charts.Curve(contender.label() + rate, r.latencies(), true)));
        return curves;
    }

    /** P4's observations (solid) and officer registrations (dashed). */
    private static List<Charts.Curve> visibilityCurves(Results results) {
        var curves = new ArrayList<>(closedCurves(results, "P4"));
        for (var contender : contenders())
            results.load(Results.key("P4", contender.key() + BenchRun.REGISTRATIONS)).ifPresent(r ->
                    curves.add(new Charts.Curve(contender.label() + ", officer registrations", r.latencies(), true)));
        return curves;
    }

    private static List<Charts.Curve> closedCurves(Results results, String row) {
        var curves = new ArrayList<Charts.Curve>();
        for (var contender : contenders())
            results.load(Results.key(row, contender.key()))
                    .ifPresent(r -> curves.add(new Charts.Curve(contender.label(), r.latencies(), false)));
        return curves;
    }

    private String markdown() {
        var time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
        var minutes = Duration.between(outcome.startedAt(), outcome.endedAt()).toMinutes();
        var out = new StringBuilder();
        out.append("## The run\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| taken | ").append(time.format(outcome.startedAt())).append(" – ")
                .append(time.format(outcome.endedAt())).append(" UTC (").append(minutes).append(" min), ")
                .append(options.plan().name()).append(" plan |\n");
        out.append("| command | `").append(options.command()).append("` |\n");
        out.append("| machine | ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(machine.memory()).append(" RAM, ").append(machine.kernel()).append(" |\n");
        out.append("| load average (1, 5, 15 min) | ").append(loadAtStart).append(" at the start, ")
                .append(MachineFacts.loadAverageNow()).append(" at the end |\n");
        out.append("| Java | ").append(String.join("<br>", machine.javaVersion())).append(" |\n");
        out.append("| servers | ").append(servers()).append(" |\n");
        out.append("| Precinct | `app/target/precinct.jar`").append(gitCommit(root()).map(c -> " built from commit " + c)
                .orElse("")).append(options.precinctJvmFlags().isEmpty() ? ", default JVM flags"
                        : ", JVM flags " + String.join(" ", options.precinctJvmFlags())).append(" |\n");
        out.append("\n## The table\n\n");
        out.append(ResultTable.markdown(outcome.rows()));
        var notes = outcome.rows().stream().filter(r -> !r.note().isEmpty()).map(r -> "- " + r.id() + ", " + r.what()
                + ": " + r.note()).toList();
        if (!notes.isEmpty()) out.append("\nNotes of the run:\n\n").append(String.join("\n", notes)).append('\n');
        if (!outcome.errors().isEmpty())
            out.append("\nParts that failed:\n\n").append(String.join("\n", outcome.errors().stream()
                    .map(e -> "- " + e).toList())).append('\n');
        out.append("\n## Where P1's latency went\n\n");
        out.append(hopTable(results()));
        out.append("\n## Where the CPU went\n\n");
        out.append(cpuTable(results()));
        out.append("\n## The plots\n\n");
        out.append("![P1 latency percentiles](" + PLOTS + "/p1-latency.png)\n");
        out.append("![P2 latency percentiles](" + PLOTS + "/p2-latency.png)\n");
        out.append("![P4 visibility percentiles](" + PLOTS + "/p4-visibility.png)\n");
        out.append("![P2 and P3 throughput](" + PLOTS + "/throughput.png)\n");
        out.append("![P5 replay](" + PLOTS + "/replay.png)\n");
        return out.toString();
    }

    private Results results() {
        return outcome.results();
    }

    /**
     * The mean latency of P1 as the client saw it next to Precinct's own timers of each hop (the edge's, the NATS
     * round trip, and inside the business logic validation, idempotency and Kafka), from its /metrics.
     */
    static String hopTable(Results results) {
        var hops = List.of("edge", "nats", "validation", "idempotency", "kafka");
        var out = new StringBuilder("| P1, mean ms | as the client saw it | " + String.join(" | ", hops)
                + " |\n|---|---:|" + "---:|".repeat(hops.size()) + "\n");
        boolean any = false;
        for (var contender : List.of("all", "split")) {
            var key = Results.key("P1", contender);
            var load = results.load(key);
            var timers = results.hops(key);
            if (load.isEmpty() || timers.isEmpty()) continue;
            any = true;
            out.append("| ").append(key).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", load.get().latencies().getMean() / 1e6));
            for (var hop : hops)
                out.append(" | ").append(timers.get().containsKey(hop)
                        ? String.format(Locale.ROOT, "%.3f", timers.get().get(hop)) : "–");
            out.append(" |\n");
        }
        var floor = results.load(Results.key("P1", Results.FLOOR));
        if (floor.isPresent())
            out.append(String.format(Locale.ROOT, "| P1 floor | %.3f |%s%n", floor.get().latencies().getMean() / 1e6,
                    " – |".repeat(hops.size())));
        return any ? out.toString() : "Precinct's jar exposes no hop timers (precinct_command_hops_seconds).\n";
    }

    /**
     * CPU milliseconds per operation by kind of process, from /proc, for each measured load: with every core
     * shared, this is what bounds the throughput rows.
     */
    static String cpuTable(Results results) {
        var kinds = List.of(CpuUse.PRECINCT, CpuUse.POSTGRES, CpuUse.KAFKA, CpuUse.NATS, CpuUse.BENCH, CpuUse.OTHER);
        var out = new StringBuilder("| measured | per second | CPU ms per operation: " + String.join(" | ", kinds)
                + " | machine idle |\n|---|---:|" + "---:|".repeat(kinds.size()) + "---:|\n");
        var keys = new ArrayList<String>();
        for (var row : List.of("P1", "P2", "P3", "P4"))
            for (var contender : List.of("all", "split", Results.FLOOR)) {
                keys.add(Results.key(row, contender));
                if (row.equals("P1") || row.equals("P2")) keys.add(Results.openKey(row, contender));
                if (row.equals("P4")) keys.add(Results.key(row, contender + BenchRun.REGISTRATIONS));
            }
        for (var key : keys) {
            var load = results.load(key);
            var cpu = results.cpu(key);
            if (load.isEmpty() || cpu.isEmpty()) continue;
            var calls = load.get().completed() + load.get().failed();
            cpuLine(out, key, load.get().perSecond(), cpu.get().millisPer(calls), cpu.get().idle(), kinds);
        }
        for (var key : List.of(Results.RAW_CONSUME, Results.RAW_CONSUME_UPSERT, Results.KAFKA_STREAMS,
                Results.PRECINCT_MEMORY, Results.PRECINCT_POSTGRES)) {
            var replay = results.replay(key);
            var cpu = results.cpu(key);
            if (replay.isEmpty() || cpu.isEmpty()) continue;
            cpuLine(out, "P5 " + key, replay.get().perSecond(), cpu.get().millisPer(replay.get().events()),
                    cpu.get().idle(), kinds);
        }
        return out.toString();
    }

    private static void cpuLine(StringBuilder out, String name, double perSecond, Map<String, Double> per,
                                double idle, List<String> kinds) {
        out.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, "%,.0f", perSecond));
        for (var kind : kinds) out.append(" | ").append(String.format(Locale.ROOT, "%.3f", per.get(kind)));
        out.append(" | ").append(String.format(Locale.ROOT, "%.0f%%", 100 * idle)).append(" |\n");
    }

    private Path root() {
        return options.report().orElse(Path.of("."));
    }

    private String servers() {
        var parts = new ArrayList<String>();
        try (var nats = Nats.connect(Options.builder().server(services.natsUrl()).build())) {
            parts.add("nats-server " + nats.getServerInfo().getVersion());
        } catch (Exception e) {
            parts.add("NATS (version unknown)");
        }
        parts.add("Kafka broker 4.4.0 (one KRaft node)");
        try (var connection = services.connect(services.jdbcUrl());
             var statement = connection.createStatement();
             var version = statement.executeQuery("SHOW server_version")) {
            version.next();
            parts.add("PostgreSQL " + version.getString(1) + " (fsync and synchronous_commit off)");
        } catch (Exception e) {
            parts.add("PostgreSQL (version unknown)");
        }
        return String.join(", ", parts) + "; all on loopback, on the same cores as Precinct and the load generator";
    }

    /**
     * The commit the run measured, marked when the tree had other changes than the files the benchmark itself
     * writes (BENCHMARKS.md and its plots, written before this is asked).
     */
    private static Optional<String> gitCommit(Path root) {
        var commit = git(root, "rev-parse", "--short", "HEAD");
        var changes = git(root, "status", "--porcelain", "--", ".", ":(exclude)BENCHMARKS.md", ":(exclude)docs/bench");
        return commit.map(id -> changes.isPresent() && changes.get().isEmpty() ? id : id + " with uncommitted changes");
    }

    private static Optional<String> git(Path root, String... arguments) {
        var command = new ArrayList<String>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(arguments));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) return Optional.empty();
            return Optional.of(output);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
