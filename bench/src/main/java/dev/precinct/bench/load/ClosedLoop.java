package dev.precinct.bench.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed loop: each client makes its next call as soon as the previous one answered, so the load adapts to the
 * server. It measures throughput and the service time of each call, and hides queueing (coordinated omission);
 * {@link OpenLoop} does not. One platform thread per client, so a blocking call costs the generator no hand-off.
 */
public final class ClosedLoop {
    private ClosedLoop() {
    }

    public static LoadResult run(int clients, Duration warmUp, Duration measure, Client.Factory factory)
            throws Exception {
        var opened = new ArrayList<Client>();
        try {
            for (int i = 0; i < clients; i++) opened.add(factory.open(i));
            return drive(opened, Schedule.startingSoon(warmUp, measure));
        } finally {
            closeAll(opened);
        }
    }

    private static LoadResult drive(List<Client> clients, Schedule schedule) throws InterruptedException {
        var histograms = new ArrayList<Histogram>();
        var completed = new AtomicLong();
        var failures = new Failures();
        var threads = new ArrayList<Thread>();
        for (var client : clients) {
            var histogram = new Histogram(3);
            histograms.add(histogram);
            threads.add(Thread.ofPlatform().name("closed-loop-" + threads.size()).start(() -> {
                Schedule.waitUntil(schedule.start());
                long done = 0;
                while (true) {
                    long startedAt = System.nanoTime();
                    if (startedAt >= schedule.end()) break;
                    boolean ok;
                    String reason = "the server refused the call";
                    try {
                        ok = client.call();
                    } catch (Exception e) {
                        ok = false;
                        reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    long took = System.nanoTime() - startedAt;
                    if (!ok) {
                        if (schedule.measures(startedAt)) failures.add(reason);
                        LockSupport.parkNanos(1_000_000); // a server that fails fast must not make us spin
                    } else if (schedule.measures(startedAt)) {
                        histogram.recordValue(took);
                        done++;
                    }
                }
                completed.addAndGet(done);
            }));
        }
        for (var thread : threads) thread.join();
        var all = new Histogram(3);
        histograms.forEach(all::add);
        return new LoadResult(all, completed.get(), failures.count(), schedule.window(), failures.first());
    }

    static void closeAll(List<Client> clients) {
        for (var client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // closing a benchmark connection that broke is not worth a report
            }
        }
    }
}
