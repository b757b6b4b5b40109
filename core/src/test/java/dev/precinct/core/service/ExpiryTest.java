package dev.precinct.core.service;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.IdempotencyClaim;
import dev.precinct.core.memory.InMemoryIdempotencyStore;
import dev.precinct.core.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpiryTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofHours(24);

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T08:00:00Z"));
    private final InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore(clock);
    private final Map<String, Integer> observed = new ConcurrentHashMap<>();

    private Expiry expiry(int batchSize, Expiry.Target... targets) {
        return new Expiry(List.of(targets), clock, batchSize,
                (kind, count) -> observed.merge(kind, count, Integer::sum));
    }

    @Test
    void aRoundForgetsEveryEntryOlderThanTheRetentionInBatchesAndCountsThem() {
        var old = claim(5);
        clock.advance(RETENTION);
        var fresh = claim(2);
        clock.advance(LEASE.plusSeconds(1));

        var forgotten = expiry(2, new Expiry.Target("idempotency_key", keys, RETENTION)).runOnce();

        assertEquals(5, forgotten);
        assertEquals(Map.of("idempotency_key", 5), observed);
        old.forEach(id -> assertInstanceOf(IdempotencyClaim.Claimed.class, keys.claim(id, "other", LEASE)));
        fresh.forEach(id -> assertInstanceOf(IdempotencyClaim.Mismatch.class, keys.claim(id, "other", LEASE)));
    }

    @Test
    void aFailingStoreDoesNotStopTheOthers() {
        var old = claim(1);
        clock.advance(RETENTION.plus(LEASE).plusSeconds(1));
        var calls = new AtomicInteger();

        var forgotten = expiry(10,
                new Expiry.Target("broken", (cutoff, limit) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("database down");
                }, RETENTION),
                new Expiry.Target("idempotency_key", keys, RETENTION)).runOnce();

        assertEquals(1, calls.get());
        assertEquals(1, forgotten);
        assertInstanceOf(IdempotencyClaim.Claimed.class, keys.claim(old.getFirst(), "other", LEASE));
    }

    @Test
    void theCutoffIsTheClockLessTheRetention() {
        var cutoffs = new ArrayList<Instant>();

        expiry(10, new Expiry.Target("statuses", (cutoff, limit) -> {
            cutoffs.add(cutoff);
            return 0;
        }, Duration.ofDays(7))).runOnce();

        assertEquals(List.of(clock.instant().minus(Duration.ofDays(7))), cutoffs);
        assertTrue(observed.isEmpty(), "nothing forgotten, nothing observed");
    }

    private List<CommandId> claim(int count) {
        var ids = new ArrayList<CommandId>();
        for (int i = 0; i < count; i++) {
            var id = CommandId.random();
            assertInstanceOf(IdempotencyClaim.Claimed.class, keys.claim(id, "fingerprint", LEASE));
            ids.add(id);
        }
        return ids;
    }
}
