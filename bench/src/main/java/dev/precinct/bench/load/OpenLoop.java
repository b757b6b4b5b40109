package dev.precinct.bench.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open loop at a fixed rate: call {@code i} is due at {@code start + i / rate} whatever happened to the calls
 * before it, and its latency counts from when it was due, not from when a free connection sent it. So queueing in
 * the server (or in the pool of connections) shows in the percentiles instead of being hidden by a client that
 * waits (coordinated omission), as wrk2 does. The calls are spread over a pool of blocking clients, each on its
 * own platform thread; a pool that is all busy delays the next due call, and that delay is measured too.
 */
public final class OpenLoop {
    private OpenLoop() {
    }

    /**
     * @param perSecond   the fixed rate
     * @param connections the most calls in flight at once
     */
    public static LoadResult run(double perSecond, int connections, Duration warmUp, Duration measure,
                                 Client.Factory factory) throws Exception {
        var opened = new ArrayList<Client>();
        try {
            for (int i = 0; i < connections; i++) opened.add(factory.open(i));
            return drive(perSecond, opened, Schedule.startingSoon(warmUp, measure));
        } finally {
            ClosedLoop.closeAll(opened);
        }
    }

    private static LoadResult drive(double perSecond, List<Client> clients, Schedule schedule)
            throws InterruptedException {
        double interval = 1e9 / perSecond;
        var next = new AtomicLong();
        var histograms = new ArrayList<Histogram>();
        var completed = new AtomicLong();
        var made = new AtomicLong();
        var failures = new Failures();
        var threads = new ArrayList<Thread>();
        for (var client : clients) {
            var histogram = new Histogram(3);
            histograms.add(histogram);
            threads.add(Thread.ofPlatform().name("open-loop-" + threads.size()).start(() -> {
                long done = 0;
                while (true) {
                    long due = schedule.start() + (long) (next.getAndIncrement() * interval);
                    if (due >= schedule.end() || System.nanoTime() > schedule.giveUpAt()) break;
                    Schedule.waitUntil(due);
                    boolean ok;
                    String reason = "the server refused the call";
                    try {
                        ok = client.call();
                    } catch (Exception e) {
                        ok = false;
                        reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    long latency = System.nanoTime() - due;
                    if (!schedule.measures(due)) continue;
                    made.incrementAndGet();
                    if (ok) {
                        histogram.recordValue(latency);
                        done++;
                    } else {
                        failures.add(reason);
                    }
                }
                completed.addAndGet(done);
            }));
        }
        for (var thread : threads) thread.join();
        for (long missed = dueInWindow(schedule, interval) - made.get(); missed > 0; missed--)
            failures.add("the run fell too far behind its schedule to make every call");
        var all = new Histogram(3);
        histograms.forEach(all::add);
        return new LoadResult(all, completed.get(), failures.count(), schedule.window(), failures.first());
    }

    /** How many calls were due in the measuring window, by the same arithmetic as the loop's. */
    static long dueInWindow(Schedule schedule, double interval) {
        long count = 0;
        for (long i = 0; ; i++) {
            long due = schedule.start() + (long) (i * interval);
            if (due >= schedule.end()) return count;
            if (schedule.measures(due)) count++;
        }
    }
}
