package dev.precinct.bench;

import dev.precinct.bench.report.Row;
import dev.precinct.bench.workload.Services;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/bench --quick} in the test suite, so that the benchmark never rots: every row gets a measured
 * value and a floor, the report and its plots are written, and no Precinct JVM is left running. Speed is never
 * asserted here: it is measured by the benchmark, on a machine and at a time BENCHMARKS.md names.
 */
class BenchQuickIT {
    private static final Path WORK = Path.of("target", "bench-quick");

    @Test
    void quickModeMeasuresEveryRowNextToItsFloorAndLeavesNoPrecinctRunning() throws Exception {
        var services = new Services(TestServices.natsUrl(), TestServices.kafkaBootstrap(), TestServices.jdbcUrl(),
                TestServices.jdbcUser(), TestServices.jdbcPassword());
        var options = BenchOptions.parse(List.of("--quick", "--jar", System.getProperty("precinct.jar"),
                "--work", WORK.resolve("run").toString(), "--report", WORK.resolve("report").toString()),
                "scripts/bench --quick");
        var table = new ByteArrayOutputStream();

        var outcome = Bench.run(options, services, new PrintStream(table, true, StandardCharsets.UTF_8), System.err);

        System.out.print(table.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), outcome.errors(), "every part of the run succeeds");
        assertFalse(outcome.rows().isEmpty());
        for (var row : outcome.rows()) {
            assertTrue(row.result().isMeasured(), () -> describe(row) + " has no measured value");
            if (row.hasFloor())
                assertTrue(row.floor().isPresent() && row.floor().get().isMeasured(),
                        () -> describe(row) + " has no measured floor");
        }
        for (var id : List.of("P1 all", "P1 split", "P2 all", "P2 split", "P3 all", "P3 split", "P4 all", "P4 split",
                "P5", "P6 all", "P6 split"))
            assertTrue(outcome.rows().stream().anyMatch(row -> row.id().equals(id)), "the table has row " + id);
        for (var contender : List.of("all", "split")) {
            var hops = outcome.results().hops(BenchRun.Results.key("P1", contender)).orElseThrow(
                    () -> new AssertionError("P1 " + contender + " has Precinct's hop timings"));
            assertEquals(List.of("edge", "nats", "validation", "idempotency", "kafka").stream().sorted().toList(),
                    hops.keySet().stream().sorted().toList(), "P1 " + contender + ": every hop, the BL's too");
        }
        var plots = WORK.resolve("report").resolve(RunReport.PLOTS);
        for (var plot : List.of("p1-latency.png", "p2-latency.png", "p4-visibility.png", "throughput.png",
                "replay.png"))
            assertTrue(Files.size(plots.resolve(plot)) > 0, plot + " is written");
        assertTrue(Files.readString(WORK.resolve("report").resolve("BENCHMARKS.md")).contains("| P1 all |"));
        for (var pid : outcome.precinctPids())
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "Precinct JVM " + pid + " is stopped");
    }

    private static String describe(Row row) {
        return row.id() + " (" + row.what() + ")";
    }
}
