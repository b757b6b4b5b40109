package dev.precinct.bench.load;

import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed and open loops over {@link AsyncCall}s, for the floors whose raw clients pipeline: one thread issues the
 * calls, a semaphore bounds how many are in flight, and latencies are recorded where the calls complete.
 */
public final class AsyncLoops {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private AsyncLoops() {
    }

    /** Keeps {@code inFlight} calls outstanding: a new one starts as soon as one completes. */
    public static LoadResult closed(int inFlight, Duration warmUp, Duration measure, AsyncCall call)
            throws InterruptedException {
        var schedule = Schedule.startingSoon(warmUp, measure);
        var permits = new Semaphore(inFlight);
        var recorder = new Recorder(3);
        var completed = new AtomicLong();
        var failures = new Failures();
        Schedule.waitUntil(schedule.start());
        while (true) {
            permits.acquire();
            long startedAt = System.nanoTime();
            if (startedAt >= schedule.end()) {
                permits.release();
                break;
            }
            start(call).whenComplete((ok, error) -> {
                long took = System.nanoTime() - startedAt;
                if (schedule.measures(startedAt)) count(ok, error, took, recorder, completed, failures);
                permits.release();
            });
        }
        drain(permits, inFlight);
        return new LoadResult(recorder.getIntervalHistogram(), completed.get(), failures.count(), schedule.window(),
                failures.first());
    }

    /**
     * Starts calls at a fixed rate, at most {@code maxInFlight} at once; each latency counts from when the call was
     * due (see {@link OpenLoop}).
     */
    public static LoadResult open(double perSecond, int maxInFlight, Duration warmUp, Duration measure, AsyncCall call)
            throws InterruptedException {
        var schedule = Schedule.startingSoon(warmUp, measure);
        double interval = 1e9 / perSecond;
        var permits = new Semaphore(maxInFlight);
        var recorder = new Recorder(3);
        var completed = new AtomicLong();
        var failures = new Failures();
        long made = 0;
        for (long i = 0; ; i++) {
            long due = schedule.start() + (long) (i * interval);
            if (due >= schedule.end() || System.nanoTime() > schedule.giveUpAt()) break;
            Schedule.waitUntil(due);
            permits.acquire();
            if (schedule.measures(due)) made++;
            start(call).whenComplete((ok, error) -> {
                long latency = System.nanoTime() - due;
                if (schedule.measures(due)) count(ok, error, latency, recorder, completed, failures);
                permits.release();
            });
        }
        drain(permits, maxInFlight);
        for (long missed = OpenLoop.dueInWindow(schedule, interval) - made; missed > 0; missed--)
            failures.add("the run fell too far behind its schedule to make every call");
        return new LoadResult(recorder.getIntervalHistogram(), completed.get(), failures.count(), schedule.window(),
                failures.first());
    }

    private static CompletableFuture<Boolean> start(AsyncCall call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void count(Boolean ok, Throwable error, long nanos, Recorder recorder, AtomicLong completed,
                              Failures failures) {
        if (error != null) {
            failures.add(error);
        } else if (Boolean.TRUE.equals(ok)) {
            recorder.recordValue(nanos);
            completed.incrementAndGet();
        } else {
            failures.add("the server refused the call");
        }
    }

    private static void drain(Semaphore permits, int all) throws InterruptedException {
        if (!permits.tryAcquire(all, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            throw new IllegalStateException("calls still in flight " + DRAIN_TIMEOUT.toSeconds() + " s after the run");
        permits.release(all);
    }
}
