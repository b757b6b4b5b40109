package dev.precinct.bench;

import dev.precinct.bench.report.MachineFacts;
import dev.precinct.bench.report.ResultTable;
import dev.precinct.bench.workload.Services;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code scripts/bench [--quick]}: measures Precinct's paths next to their floors on the servers that the
 * {@code PRECINCT_TEST_*} variables name, prints one table on standard output (progress goes to standard error),
 * and with {@code --report ROOT} writes BENCHMARKS.md and the plots. Exits 1 when a part of the run failed (not
 * when a target is missed: speed is reported, not asserted), 2 on a bad command line.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BenchOptions options;
        Services services;
        try {
            options = BenchOptions.parse(List.of(args),
                    System.getProperty("bench.command", "java " + Bench.class.getName() + " " + String.join(" ", args)));
            services = Services.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        var outcome = run(options, services, System.out, System.err);
        System.exit(outcome.errors().isEmpty() ? 0 : 1);
    }

    /** Runs the benchmark, prints the table to {@code out}, and writes the report when the options ask for one. */
    public static BenchRun.Outcome run(BenchOptions options, Services services, PrintStream out, PrintStream progress)
            throws Exception {
        var loadAtStart = MachineFacts.loadAverageNow();
        var outcome = new BenchRun(options, services, progress).run();
        out.println();
        out.print(ResultTable.text(outcome.rows()));
        if (!outcome.errors().isEmpty()) {
            out.println();
            out.println("Parts that failed:");
            outcome.errors().forEach(error -> out.println("  " + error));
        }
        out.flush();
        if (options.report().isPresent()) {
            var root = options.report().get();
            new RunReport(outcome, options, services, MachineFacts.ofThisMachine(), loadAtStart).write(root);
            progress.println("bench: wrote " + root.resolve("BENCHMARKS.md") + " and " + root.resolve(RunReport.PLOTS));
        }
        return outcome;
    }
}
