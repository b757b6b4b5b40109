package dev.precinct.core.contract;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs expirers against each other, as several processes expiring one shared store would. */
public final class Expiries {
    private Expiries() {
    }

    /**
     * Runs {@code expire} on {@code threads} threads at once, each until a call forgets nothing, and returns the sum
     * of what every call forgot; fails on any call's exception.
     */
    public static long race(int threads, Callable<Integer> expire) throws Exception {
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<Long>>();
        try (var executor = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    long sum = 0;
                    for (int expired = expire.call(); expired > 0; expired = expire.call()) sum += expired;
                    return sum;
                }));
            }
            start.countDown();
            long total = 0;
            for (var future : futures) total += future.get();
            return total;
        }
    }
}
