package dev.precinct.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counts failed calls and keeps the first reason, for the report. Thread-safe. */
final class Failures {
    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<String> first = new AtomicReference<>();

    void add(String reason) {
        count.incrementAndGet();
        first.compareAndSet(null, reason);
    }

    void add(Throwable error) {
        add(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    long count() {
        return count.get();
    }

    String first() {
        return first.get();
    }
}
