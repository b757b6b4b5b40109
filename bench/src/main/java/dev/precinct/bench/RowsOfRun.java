package dev.precinct.bench;

import dev.precinct.bench.BenchRun.Results;
import dev.precinct.bench.load.LoadResult;
import dev.precinct.bench.load.ReplayResult;
import dev.precinct.bench.precinct.MemoryPeak;
import dev.precinct.bench.precinct.Topology;
import dev.precinct.bench.report.Measurement;
import dev.precinct.bench.report.Row;
import dev.precinct.bench.report.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The table of a run: the rows, each figure of Precinct next to the same figure of its floor. */
final class RowsOfRun {
    private static final Target NONE = new Target.None();

    private final Results results;
    private final Plan plan;
    private final List<Row> rows = new ArrayList<>();

    RowsOfRun(Results results, Plan plan) {
        this.results = results;
        this.plan = plan;
    }

    List<Row> rows() {
        rows.clear();
        for (var topology : Topology.values()) requestRows(topology);
        for (var topology : Topology.values()) memoryRows(topology);
        replayRows();
        return List.copyOf(rows);
    }

    private void requestRows(Topology topology) {
        var name = topology.shortName();
        var where = " (" + topology.description() + ")";
        latency("P1", name, false, "ack command, 1 client" + where + ": p50", 50, new Target.RatioAtMost(1.5));
        latency("P1", name, false, "ack command, 1 client" + where + ": p99", 99, new Target.RatioAtMost(2));
        latency("P1", name, false, "ack command, 1 client" + where + ": p99.9", 99.9, NONE);
        var oneClientRate = results.rate("P1").map(RowsOfRun::rate).orElse("a fixed rate");
        latency("P1", name, true, "same, open loop at " + oneClientRate + ": p50", 50, NONE);
        latency("P1", name, true, "same, open loop at " + oneClientRate + ": p99", 99, NONE);

        throughput("P2", name, "ack commands, " + Plan.CLIENTS + " clients" + where + ": commands/s",
                new Target.RatioAtLeast(0.5));
        latency("P2", name, false, "ack commands, " + Plan.CLIENTS + " clients" + where + ": p50", 50, NONE);
        latency("P2", name, false, "ack commands, " + Plan.CLIENTS + " clients" + where + ": p99", 99, NONE);
        var manyClientsRate = results.rate("P2").map(RowsOfRun::rate).orElse("a fixed rate");
        latency("P2", name, true, "same, open loop at " + manyClientsRate + ": p50", 50, NONE);
        latency("P2", name, true, "same, open loop at " + manyClientsRate + ": p99", 99, NONE);

        throughput("P3", name, "observations, fire-and-forget, " + Plan.CLIENTS + " clients" + where + ": commands/s",
                new Target.RatioAtLeast(0.5));

        var atRate = " at " + rate(Plan.VISIBILITY_RATE);
        latency("P4", name, false, "observation visible: 202 → APPLIED in PostgreSQL" + atRate + where + ": p50", 50,
                NONE);
        latency("P4", name, false, "observation visible: 202 → APPLIED in PostgreSQL" + atRate + where + ": p99", 99,
                new Target.AtMost(Measurement.millis(50)));
        latency("P4", name + BenchRun.REGISTRATIONS, false, "same with officer registrations: p50", 50, NONE);
        latency("P4", name + BenchRun.REGISTRATIONS, false, "same with officer registrations: p99", 99, NONE);
    }

    private void latency(String row, String contender, boolean open, String what, double percentile, Target target) {
        var key = open ? Results.openKey(row, contender) : Results.key(row, contender);
        var floorKey = open ? Results.openKey(row, Results.FLOOR) : Results.key(row, Results.FLOOR);
        var result = results.load(key);
        var floor = results.load(floorKey);
        rows.add(new Row(row + " " + contender.replace(BenchRun.REGISTRATIONS, ""), what,
                result.map(r -> Measurement.millis(r.millisAt(percentile))).orElse(Measurement.millis(Double.NaN)),
                floor.map(f -> Measurement.millis(f.millisAt(percentile))), true, target,
                failures(result, floor)));
    }

    private void throughput(String row, String contender, String what, Target target) {
        var result = results.load(Results.key(row, contender));
        var floor = results.load(Results.key(row, Results.FLOOR));
        rows.add(new Row(row + " " + contender, what,
                result.map(r -> Measurement.perSecond(r.perSecond())).orElse(Measurement.perSecond(Double.NaN)),
                floor.map(f -> Measurement.perSecond(f.perSecond())), true, target, failures(result, floor)));
    }

    private static String failures(Optional<LoadResult> result, Optional<LoadResult> floor) {
        var notes = new ArrayList<String>();
        result.filter(r -> r.failed() > 0).ifPresent(r -> notes.add(String.format(Locale.ROOT,
                "%,d of %,d calls failed (%s)", r.failed(), r.failed() + r.completed(), r.firstFailure())));
        floor.filter(f -> f.failed() > 0).ifPresent(f -> notes.add(String.format(Locale.ROOT,
                "floor: %,d of %,d calls failed (%s)", f.failed(), f.failed() + f.completed(), f.firstFailure())));
        return String.join("; ", notes);
    }

    private void memoryRows(Topology topology) {
        var name = topology.shortName();
        var peaks = results.memory(topology);
        Function<List<MemoryPeak>, String> perJvm = list -> list.stream()
                .map(p -> String.format(Locale.ROOT, "%s: heap %d MB in use, %d MB live after GC, %d MB committed, "
                                + "RSS %d MB, %d GCs", p.role(), p.heapUsed() >> 20, p.heapLive() >> 20,
                        p.heapCommitted() >> 20, p.resident() >> 20, p.collections()))
                .collect(Collectors.joining("; "));
        var heap = peaks.map(list -> list.stream().mapToLong(MemoryPeak::heapUsed).max().orElse(0));
        var resident = peaks.map(list -> list.stream().mapToLong(MemoryPeak::resident).sum());
        var jvms = topology == Topology.ONE_JVM ? "" : ", largest of the three JVMs";
        var sum = topology == Topology.ONE_JVM ? "" : ", the three JVMs together";
        rows.add(Row.withoutFloor("P6 " + name, "heap in use during P2, peak" + jvms,
                heap.map(Measurement::megabytes).orElse(new Measurement(Double.NaN, Measurement.Unit.MEGABYTES)),
                new Target.AtMost(new Measurement(256, Measurement.Unit.MEGABYTES)), peaks.map(perJvm).orElse("")));
        rows.add(Row.withoutFloor("P6 " + name, "resident set (RSS) during P2, peak" + sum,
                resident.map(Measurement::megabytes).orElse(new Measurement(Double.NaN, Measurement.Unit.MEGABYTES)), NONE, ""));
    }

    private void replayRows() {
        var events = String.format(Locale.ROOT, "%,d", plan.replayEvents());
        var memory = results.replay(Results.PRECINCT_MEMORY);
        var postgres = results.replay(Results.PRECINCT_POSTGRES);
        replayRow("P5", "replay " + events + " events from offset 0 into memory (vs Kafka Streams)", memory,
                results.replay(Results.KAFKA_STREAMS), new Target.RatioAtLeast(1));
        replayRow("P5", "replay into memory (vs raw consume)", memory, results.replay(Results.RAW_CONSUME), NONE);
        replayRow("P5", "replay into PostgreSQL (vs raw consume + batched upsert)", postgres,
                results.replay(Results.RAW_CONSUME_UPSERT), new Target.RatioAtLeast(0.5));
    }

    private void replayRow(String id, String what, Optional<ReplayResult> result, Optional<ReplayResult> floor,
                           Target target) {
        rows.add(new Row(id, what + ": events/s",
                result.map(r -> Measurement.perSecond(r.perSecond())).orElse(Measurement.perSecond(Double.NaN)),
                floor.map(f -> Measurement.perSecond(f.perSecond())), true, target, ""));
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }
}
