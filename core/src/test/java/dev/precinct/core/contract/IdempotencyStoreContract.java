package dev.precinct.core.contract;

import dev.precinct.core.Acceptance;
import dev.precinct.core.CommandId;
import dev.precinct.core.CorrelationId;
import dev.precinct.core.EventPosition;
import dev.precinct.core.IdempotencyClaim;
import dev.precinct.core.port.IdempotencyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * What every {@link IdempotencyStore} must do. A subclass hands a fresh, empty store that reads its time from the
 * given clock; the tests move that clock instead of sleeping.
 */
public abstract class IdempotencyStoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String FINGERPRINT = "sha256:register-officer-B-100";
    private static final String OTHER_FINGERPRINT = "sha256:register-officer-B-200";
    private static final int RACERS = 16;

    protected final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T08:00:00Z"));
    private IdempotencyStore store;

    /** A new, empty store that takes the time from {@code clock}. */
    protected abstract IdempotencyStore newStore(Clock clock);

    @BeforeEach
    void createStore() {
        store = newStore(clock);
    }

    @Test
    void firstClaimIsClaimed() {
        var id = CommandId.random();

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Claimed.class, claim);
    }

    @Test
    void repeatedClaimWhileInProgressIsInProgress() {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.InProgress.class, claim);
    }

    @Test
    void claimWithAnotherFingerprintIsMismatch() {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);

        var claim = store.claim(id, OTHER_FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Mismatch.class, claim);
    }

    @Test
    void claimOfCompletedIdReturnsTheOriginalAcceptance() {
        var id = CommandId.random();
        var acceptance = anAcceptance(id);
        store.claim(id, FINGERPRINT, LEASE);
        store.complete(id, acceptance);

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertEquals(new IdempotencyClaim.Completed(acceptance), claim);
    }

    @Test
    void claimOfCompletedIdWithAnotherFingerprintIsMismatch() {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);
        store.complete(id, anAcceptance(id));

        var claim = store.claim(id, OTHER_FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Mismatch.class, claim);
    }

    @Test
    void releasedIdIsClaimableAgain() {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);
        store.release(id);

        var claim = store.claim(id, OTHER_FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Claimed.class, claim);
    }

    @Test
    void releaseAfterCompleteKeepsTheAcceptance() {
        var id = CommandId.random();
        var acceptance = anAcceptance(id);
        store.claim(id, FINGERPRINT, LEASE);
        store.complete(id, acceptance);

        store.release(id);

        assertEquals(new IdempotencyClaim.Completed(acceptance), store.claim(id, FINGERPRINT, LEASE));
    }

    @Test
    void claimWithinTheLeaseIsInProgress() {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);
        clock.advance(LEASE.minusSeconds(1));

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.InProgress.class, claim);
    }

    @Test
    void expiredLeaseIsClaimableAgain() {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);
        clock.advance(LEASE.plusSeconds(1));

        var claim = store.claim(id, OTHER_FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Claimed.class, claim);
    }

    @Test
    void reclaimedIdStartsANewLease() {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);
        clock.advance(LEASE.plusSeconds(1));
        store.claim(id, OTHER_FINGERPRINT, LEASE);
        clock.advance(LEASE.minusSeconds(1));

        var claim = store.claim(id, OTHER_FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.InProgress.class, claim);
    }

    @Test
    void completedIdNeverExpires() {
        var id = CommandId.random();
        var acceptance = anAcceptance(id);
        store.claim(id, FINGERPRINT, LEASE);
        store.complete(id, acceptance);
        clock.advance(Duration.ofDays(400));

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertEquals(new IdempotencyClaim.Completed(acceptance), claim);
    }

    @Test
    void idsAreIndependent() {
        var first = CommandId.random();
        store.claim(first, FINGERPRINT, LEASE);

        var claim = store.claim(CommandId.random(), FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Claimed.class, claim);
    }

    @Test
    void concurrentClaimsOfOneIdYieldExactlyOneClaimed() throws Exception {
        var id = CommandId.random();

        var claims = race(RACERS, () -> store.claim(id, FINGERPRINT, LEASE));

        assertEquals(1, count(claims, IdempotencyClaim.Claimed.class), claims::toString);
        assertEquals(RACERS - 1, count(claims, IdempotencyClaim.InProgress.class), claims::toString);
    }

    @Test
    void concurrentClaimsOfAnExpiredLeaseYieldExactlyOneClaimed() throws Exception {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);
        clock.advance(LEASE.plusSeconds(1));

        var claims = race(RACERS, () -> store.claim(id, FINGERPRINT, LEASE));

        assertEquals(1, count(claims, IdempotencyClaim.Claimed.class), claims::toString);
    }

    /** An acceptance as the business-logic service remembers it. */
    protected static Acceptance.Accepted anAcceptance(CommandId id) {
        return new Acceptance.Accepted(id, CorrelationId.random(), "RegisterOfficer", "/api/v1/officers/B-100",
                new EventPosition("officer-events", 3, 41_275L));
    }

    /** Runs {@code claim} on {@code threads} threads at once and returns every outcome. */
    protected static List<IdempotencyClaim> race(int threads, Callable<IdempotencyClaim> claim)
            throws Exception {
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<IdempotencyClaim>>();
        try (var executor = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return claim.call();
                }));
            }
            start.countDown();
            var claims = new ArrayList<IdempotencyClaim>();
            for (var future : futures) claims.add(future.get());
            return claims;
        }
    }

    protected static long count(List<IdempotencyClaim> claims, Class<? extends IdempotencyClaim> kind) {
        return claims.stream().filter(kind::isInstance).count();
    }

    /** A clock the test moves by hand. */
    protected static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is in UTC");
        }
    }
}
