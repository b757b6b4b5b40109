package dev.precinct.app;

import dev.precinct.app.CarefulClient.Answer;
import dev.precinct.app.CarefulClient.KeyHistory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Registers officers through the edge, {@code concurrency} keys at a time, each with a key and a badge of its own,
 * through a {@link CarefulClient}, until told to stop; then hands over every key's history. Tests wait on it for
 * conditions (so many acceptances, a first acceptance after some moment), always with a deadline.
 */
final class CommandLoad implements AutoCloseable {
    static final String PATH = "/api/v1/officers";

    private final String prefix;
    private final String badgePrefix;
    private final Semaphore slots;
    private final CarefulClient client;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition answered = lock.newCondition();
    private final List<CompletableFuture<KeyHistory>> keys = new ArrayList<>();
    private final List<Answer> acceptances = new ArrayList<>();
    private final TreeMap<String, Integer> counts = new TreeMap<>();
    private long errors;
    private final Thread driver;
    private volatile boolean stopping;

    /**
     * @param prefix      the keys are {@code prefix-1}, {@code prefix-2}, …
     * @param badgePrefix 1 to 6 characters of {@code [A-Z0-9]} that make the badges unique to this load
     */
    CommandLoad(String base, String token, String prefix, String badgePrefix, int concurrency, Duration retryBudget) {
        this.prefix = prefix;
        this.badgePrefix = badgePrefix;
        this.slots = new Semaphore(concurrency);
        this.client = new CarefulClient(base, token, retryBudget, this::heard);
        this.driver = Thread.ofVirtual().name("load-" + prefix).unstarted(this::drive);
    }

    static String registration(String badge) {
        return """
                {"badgeNumber":"%s","firstName":"Ada","lastName":"Lovelace","rank":"CONSTABLE","unit":"Fault tests"}"""
                .formatted(badge);
    }

    void start() {
        driver.start();
    }

    private void drive() {
        int n = 0;
        try {
            while (!stopping) {
                slots.acquire();
                if (stopping) {
                    slots.release();
                    return;
                }
                n++;
                var badge = badgePrefix + "-" + Integer.toString(n, 36).toUpperCase(Locale.ROOT);
                var key = client.send(PATH, prefix + "-" + n, registration(badge))
                        .whenComplete((history, error) -> slots.release());
                lock.lock();
                try {
                    keys.add(key);
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heard(Answer answer) {
        lock.lock();
        try {
            if (answer.accepted()) acceptances.add(answer);
            if (answer.retryable()) errors++;
            counts.merge(answer.label(), 1, Integer::sum);
            answered.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many 202s the load has had so far. */
    long accepted() {
        lock.lock();
        try {
            return acceptances.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the load has had {@code count} 202s in all. */
    void awaitAccepted(long count, Duration within) throws InterruptedException {
        awaitAnswers(() -> acceptances.size() >= count, within,
                "the load to have " + count + " acceptances");
    }

    /** Waits until the load has had {@code count} answers that a careful client retries (errors). */
    void awaitErrors(long count, Duration within) throws InterruptedException {
        awaitAnswers(() -> errors >= count, within,
                "the load to meet " + count + " errors");
    }

    /**
     * Waits for the first 202 to a request sent at or after {@code sinceNanos} (a {@link System#nanoTime()}) and
     * returns how long after {@code sinceNanos} it was answered.
     */
    Duration awaitAcceptedSentAfter(long sinceNanos, Duration within) throws InterruptedException {
        awaitAnswers(() -> acceptances.stream().anyMatch(a -> a.sentNanos() >= sinceNanos), within,
                "a 202 to a request sent after the dependency came back");
        lock.lock();
        try {
            return Duration.ofNanos(acceptances.stream().filter(a -> a.sentNanos() >= sinceNanos)
                    .mapToLong(Answer::answeredNanos).min().orElseThrow() - sinceNanos);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code condition}, evaluated under the lock, holds. */
    private void awaitAnswers(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) fail("waited " + within + " for " + what + "; answers so far: " + counts);
                answered.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts no more keys, waits for every started key to get its final answer (or spend its retry budget), and
     * returns every key's history.
     */
    List<KeyHistory> finish(Duration within) throws InterruptedException {
        stopping = true;
        driver.join(within.toMillis());
        List<CompletableFuture<KeyHistory>> started;
        lock.lock();
        try {
            started = List.copyOf(keys);
        } finally {
            lock.unlock();
        }
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            fail("the load's keys did not settle within " + within, e);
        }
        return started.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void close() {
        stopping = true;
        client.close();
    }
}
