package dev.precinct.bench.load;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long acknowledged writes take to become visible in PostgreSQL, as a reader sees them: a thread
 * queries the pending ids about once a millisecond, and an id's latency runs from its acknowledgement to the start
 * of the first query that found it. The query takes the pending ids as one {@code text[]} parameter and answers
 * each visible one with a flag: true when it is what was expected (for Precinct, status APPLIED).
 */
public final class VisibilityWatch implements AutoCloseable {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(1);

    private final Connection connection;
    private final String query;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final Histogram latencies = new Histogram(3);
    private final Failures failures = new Failures();
    private final Thread poller;
    private volatile boolean closing;
    private long visible;
    private long firstAt;
    private long lastAt;

    /** @param query e.g. {@code SELECT id, true FROM t WHERE id = ANY(?)} */
    public VisibilityWatch(Connection connection, String query) {
        this.connection = connection;
        this.query = query;
        this.poller = Thread.ofPlatform().name("visibility-watch").daemon().start(this::poll);
    }

    /** Starts watching for {@code id}, acknowledged at {@code acknowledgedAt} ({@link System#nanoTime()}). */
    public void expect(String id, long acknowledgedAt) {
        pending.put(id, acknowledgedAt);
    }

    private void poll() {
        try (var statement = connection.prepareStatement(query)) {
            while (!closing) {
                if (pending.isEmpty()) {
                    LockSupport.parkNanos(POLL_INTERVAL.toNanos());
                    continue;
                }
                var ids = new ArrayList<>(pending.keySet());
                long queriedAt = System.nanoTime();
                statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        var acknowledgedAt = pending.remove(rows.getString(1));
                        if (acknowledgedAt == null) continue;
                        synchronized (this) {
                            if (rows.getBoolean(2)) {
                                latencies.recordValue(Math.max(0, queriedAt - acknowledgedAt));
                                visible++;
                                if (firstAt == 0) firstAt = acknowledgedAt;
                                lastAt = Math.max(lastAt, acknowledgedAt);
                            } else {
                                failures.add("visible, but not as expected (for Precinct: not APPLIED)");
                            }
                        }
                    }
                }
                LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            }
        } catch (SQLException e) {
            failures.add(e);
        }
    }

    /**
     * Waits up to {@code timeout} for every expected id, then stops watching; ids still unseen count as failures.
     *
     * @param window the length of the run that made the writes, for the rate
     */
    public LoadResult finish(Duration timeout, Duration window) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline && poller.isAlive())
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        closing = true;
        poller.join();
        for (int i = 0; i < pending.size(); i++)
            failures.add("not visible within " + timeout.toSeconds() + " s");
        pending.clear();
        synchronized (this) {
            return new LoadResult(latencies.copy(), visible, failures.count(), window, failures.first());
        }
    }

    @Override
    public void close() throws SQLException {
        closing = true;
        connection.close();
    }
}
