package dev.precinct.core.service;

import dev.precinct.core.port.Expirable;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forgets old entries of stores that would otherwise grow for ever (idempotency keys, command statuses), on a thread
 * of its own and never on a request's: every round (see the constructor) it expires, per store, the entries older than the
 * store's retention, in batches of {@code batchSize} until a batch comes back short. Several processes may run it on
 * one shared store at once ({@link Expirable} promises that each entry goes once, without errors). A store that
 * fails is logged and tried again at the next round; the others still run.
 * <p>
 * {@link #start()} starts the rounds; {@link #close()} stops them, interrupting a round in progress. Thread-safe.
 */
public final class Expiry implements AutoCloseable {
    /**
     * One store to keep small.
     *
     * @param kind      names the entries in logs and metrics ({@code idempotency_key}, {@code command_status})
     * @param retention how long an entry is kept; older ones are forgotten
     */
    public record Target(String kind, Expirable entries, Duration retention) {
        public Target {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(entries, "entries");
            if (retention.isNegative() || retention.isZero())
                throw new IllegalArgumentException("the retention of " + kind + " must be positive");
        }
    }

    /** Told how many entries each batch forgot; called on the expiry thread, must not block. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (kind, count) -> { };

        void expired(String kind, int count);
    }

    /** The longest pause between rounds: a day's retention is then kept to the minute, at almost no cost. */
    private static final Duration LONGEST_INTERVAL = Duration.ofMinutes(1);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);
    /** Small enough that one statement holds its row locks for milliseconds. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private static final System.Logger LOG = System.getLogger(Expiry.class.getName());

    private final List<Target> targets;
    private final Clock clock;
    private final Duration interval;
    private final int batchSize;
    private final Observer observer;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("precinct-expiry").daemon().factory());

    /**
     * Rounds a minute apart, or a tenth of the shortest retention when that is shorter (no entry outlives its
     * retention by more than a tenth of it, plus a round's work).
     *
     * @param batchSize the most entries one statement forgets: small, so that no batch holds locks for long
     */
    public Expiry(List<Target> targets, Clock clock, int batchSize, Observer observer) {
        this.targets = List.copyOf(targets);
        this.clock = Objects.requireNonNull(clock, "clock");
        var tenth = this.targets.stream().map(target -> target.retention().dividedBy(10))
                .min(Duration::compareTo).orElse(LONGEST_INTERVAL);
        this.interval = tenth.compareTo(LONGEST_INTERVAL) > 0 ? LONGEST_INTERVAL
                : tenth.compareTo(SHORTEST_INTERVAL) < 0 ? SHORTEST_INTERVAL : tenth;
        this.batchSize = batchSize;
        this.observer = Objects.requireNonNull(observer, "observer");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be positive");
    }

    /** Starts the rounds: the first at once, each next one a round's interval after the last ends. */
    public void start() {
        rounds.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One round on the calling thread: every target's old entries, batch after batch. Never throws for a failing
     * store (it is logged); blocks while the stores work.
     *
     * @return how many entries the round forgot, over every target
     */
    public long runOnce() {
        long total = 0;
        for (var target : targets) {
            var cutoff = clock.instant().minus(target.retention());
            try {
                int expired;
                do {
                    if (Thread.currentThread().isInterrupted()) return total;
                    expired = target.entries().expire(cutoff, batchSize);
                    if (expired > 0) observer.expired(target.kind(), expired);
                    total += expired;
                } while (expired == batchSize);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "expiring old " + target.kind() + " entries failed; trying again in "
                        + interval, e);
            }
        }
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        rounds.shutdownNow();
        if (!rounds.awaitTermination(10, TimeUnit.SECONDS))
            LOG.log(System.Logger.Level.WARNING, "the expiry thread did not stop within 10 s");
    }
}
