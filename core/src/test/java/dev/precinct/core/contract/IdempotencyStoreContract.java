package dev.precinct.core.contract;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.command.IdempotencyClaim;
import dev.precinct.core.port.IdempotencyStore;
import dev.precinct.core.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link IdempotencyStore} must do. A subclass hands a fresh, empty store that reads its time from the
 * given clock; the tests move that clock instead of sleeping.
 */
public abstract class IdempotencyStoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration HOLD = Duration.ofSeconds(2);
    private static final String FINGERPRINT = "sha256:register-officer-B-100";
    private static final String OTHER_FINGERPRINT = "sha256:register-officer-B-200";
    private static final int RACERS = 16;

    protected final TestClock clock = new TestClock(Instant.parse("2025-03-01T08:00:00Z"));
    private IdempotencyStore store;

    /** A new, empty store that takes the time from {@code clock}. */
    protected abstract IdempotencyStore newStore(Clock clock);

    @BeforeEach
    void createStore() {
        store = newStore(clock);
    }

    @Test
    void firstClaimIsClaimedWithNoEarlierAttemptToSearchFor() {
        var id = CommandId.random();

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertEquals(Optional.empty(), assertInstanceOf(IdempotencyClaim.Claimed.class, claim).earlierAttemptSince());
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
        var token = claimed(id);
        var completed = store.complete(id, token, acceptance);

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertTrue(completed);
        assertEquals(new IdempotencyClaim.Completed(acceptance), claim);
    }

    @Test
    void claimOfCompletedIdWithAnotherFingerprintIsMismatch() {
        var id = CommandId.random();
        store.complete(id, claimed(id), anAcceptance(id));

        var claim = store.claim(id, OTHER_FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Mismatch.class, claim);
    }

    @Test
    void releasedIdIsClaimableAgainByAnyCommand() {
        var id = CommandId.random();
        store.release(id, claimed(id));

        var claim = store.claim(id, OTHER_FINGERPRINT, LEASE);

        assertEquals(Optional.empty(), assertInstanceOf(IdempotencyClaim.Claimed.class, claim).earlierAttemptSince());
    }

    @Test
    void releaseAfterCompleteKeepsTheAcceptance() {
        var id = CommandId.random();
        var acceptance = anAcceptance(id);
        var token = claimed(id);
        store.complete(id, token, acceptance);

        store.release(id, token);

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
    void expiredLeaseIsTakenOverByTheSameCommandToldToSearchFromTheFirstClaim() {
        var id = CommandId.random();
        var firstClaimAt = clock.instant();
        var first = claimed(id);
        clock.advance(LEASE.plusSeconds(1));

        var claim = store.claim(id, FINGERPRINT, LEASE);

        var takenOver = assertInstanceOf(IdempotencyClaim.Claimed.class, claim);
        assertNotEquals(first, takenOver.token());
        assertEquals(Optional.of(firstClaimAt), takenOver.earlierAttemptSince());
    }

    @Test
    void expiredLeaseIsMismatchForAnotherCommand() {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);
        clock.advance(LEASE.plusSeconds(1));

        var claim = store.claim(id, OTHER_FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Mismatch.class, claim);
    }

    @Test
    void reclaimedIdStartsANewLease() {
        var id = CommandId.random();
        store.claim(id, FINGERPRINT, LEASE);
        clock.advance(LEASE.plusSeconds(1));
        store.claim(id, FINGERPRINT, LEASE);
        clock.advance(LEASE.minusSeconds(1));

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.InProgress.class, claim);
    }

    @Test
    void aTakenOverClaimantCannotCompleteTheNewOwnersClaim() {
        var id = CommandId.random();
        var stale = claimed(id);
        clock.advance(LEASE.plusSeconds(1));
        var owner = claimed(id);

        var completed = store.complete(id, stale, anAcceptance(id));

        assertFalse(completed);
        assertInstanceOf(IdempotencyClaim.InProgress.class, store.claim(id, FINGERPRINT, LEASE));
        assertTrue(store.complete(id, owner, anAcceptance(id)));
    }

    @Test
    void aTakenOverClaimantCannotReleaseTheNewOwnersClaim() {
        var id = CommandId.random();
        var stale = claimed(id);
        clock.advance(LEASE.plusSeconds(1));
        claimed(id);

        store.release(id, stale);

        assertInstanceOf(IdempotencyClaim.InProgress.class, store.claim(id, FINGERPRINT, LEASE));
    }

    @Test
    void aTakenOverClaimantCannotMarkTheNewOwnersClaimUnresolved() {
        var id = CommandId.random();
        var stale = claimed(id);
        clock.advance(LEASE.plusSeconds(1));
        claimed(id);

        store.unresolved(id, stale, HOLD);

        assertInstanceOf(IdempotencyClaim.InProgress.class, store.claim(id, FINGERPRINT, LEASE));
    }

    @Test
    void anUnresolvedIdIsUnresolvedDuringTheHold() {
        var id = CommandId.random();
        store.unresolved(id, claimed(id), HOLD);
        clock.advance(HOLD.minusSeconds(1));

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Unresolved.class, claim);
    }

    @Test
    void anUnresolvedIdIsClaimedAfterTheHoldToldToSearchFromItsClaim() {
        var id = CommandId.random();
        var claimedAt = clock.instant();
        var token = claimed(id);
        clock.advance(Duration.ofSeconds(1));
        store.unresolved(id, token, HOLD);
        clock.advance(HOLD.plusSeconds(1));

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertEquals(Optional.of(claimedAt),
                assertInstanceOf(IdempotencyClaim.Claimed.class, claim).earlierAttemptSince());
    }

    @Test
    void anUnresolvedIdKeepsItsEarliestAttemptAcrossTakeovers() {
        var id = CommandId.random();
        var firstAttemptAt = clock.instant();
        store.unresolved(id, claimed(id), HOLD);
        clock.advance(HOLD.plusSeconds(1));
        store.unresolved(id, claimed(id), HOLD);
        clock.advance(HOLD.plusSeconds(1));

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertEquals(Optional.of(firstAttemptAt),
                assertInstanceOf(IdempotencyClaim.Claimed.class, claim).earlierAttemptSince());
    }

    @Test
    void anUnresolvedIdIsMismatchForAnotherCommand() {
        var id = CommandId.random();
        store.unresolved(id, claimed(id), HOLD);
        clock.advance(HOLD.plusSeconds(1));

        var claim = store.claim(id, OTHER_FINGERPRINT, LEASE);

        assertInstanceOf(IdempotencyClaim.Mismatch.class, claim);
    }

    @Test
    void anUnresolvedIdThatIsTakenOverAndCompletedAnswersItsAcceptance() {
        var id = CommandId.random();
        var acceptance = anAcceptance(id);
        store.unresolved(id, claimed(id), HOLD);
        clock.advance(HOLD.plusSeconds(1));
        store.complete(id, claimed(id), acceptance);

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertEquals(new IdempotencyClaim.Completed(acceptance), claim);
    }

    @Test
    void completedIdStaysUntilExpired() {
        var id = CommandId.random();
        var acceptance = anAcceptance(id);
        store.complete(id, claimed(id), acceptance);
        clock.advance(Duration.ofDays(400));

        var claim = store.claim(id, FINGERPRINT, LEASE);

        assertEquals(new IdempotencyClaim.Completed(acceptance), claim);
    }

    @Test
    void expireForgetsACompletedIdOnceItsLeaseEndedBeforeTheCutoff() {
        var id = CommandId.random();
        store.complete(id, claimed(id), anAcceptance(id));
        var cutoff = clock.instant().plus(LEASE).plusSeconds(1);

        var expired = store.expire(cutoff, 100);

        assertEquals(1, expired);
        assertEquals(Optional.empty(), assertInstanceOf(IdempotencyClaim.Claimed.class,
                store.claim(id, OTHER_FINGERPRINT, LEASE)).earlierAttemptSince());
    }

    @Test
    void expireKeepsIdsWhoseLeaseEndsAfterTheCutoff() {
        var id = CommandId.random();
        var acceptance = anAcceptance(id);
        store.complete(id, claimed(id), acceptance);

        var expired = store.expire(clock.instant().plus(LEASE).minusSeconds(1), 100);

        assertEquals(0, expired);
        assertEquals(new IdempotencyClaim.Completed(acceptance), store.claim(id, FINGERPRINT, LEASE));
    }

    @Test
    void expireNeverForgetsAClaimStillHeldWhateverItsAge() {
        var id = CommandId.random();
        var token = assertInstanceOf(IdempotencyClaim.Claimed.class,
                store.claim(id, FINGERPRINT, Duration.ofDays(3))).token();

        var expired = store.expire(clock.instant().plus(Duration.ofDays(2)), 100);

        assertEquals(0, expired);
        assertInstanceOf(IdempotencyClaim.InProgress.class, store.claim(id, FINGERPRINT, LEASE));
        assertTrue(store.complete(id, token, anAcceptance(id)));
    }

    @Test
    void expireForgetsAnAbandonedClaimAndTheLateClaimantCannotCompleteIt() {
        var id = CommandId.random();
        var abandoned = claimed(id);
        var cutoff = clock.instant().plus(LEASE).plusSeconds(1);

        var expired = store.expire(cutoff, 100);

        assertEquals(1, expired);
        assertFalse(store.complete(id, abandoned, anAcceptance(id)));
        assertEquals(Optional.empty(), assertInstanceOf(IdempotencyClaim.Claimed.class,
                store.claim(id, FINGERPRINT, LEASE)).earlierAttemptSince());
    }

    @Test
    void expireKeepsAnUnresolvedIdDuringItsHoldAndForgetsItAfter() {
        var id = CommandId.random();
        clock.advance(LEASE);
        store.unresolved(id, claimed(id), HOLD);
        var holdEnds = clock.instant().plus(HOLD);

        var duringHold = store.expire(holdEnds.minusSeconds(1), 100);
        var afterHold = store.expire(holdEnds.plusSeconds(1), 100);

        assertEquals(0, duringHold);
        assertEquals(1, afterHold);
        assertEquals(Optional.empty(), assertInstanceOf(IdempotencyClaim.Claimed.class,
                store.claim(id, FINGERPRINT, LEASE)).earlierAttemptSince());
    }

    @Test
    void expireForgetsAtMostTheLimitPerCall() {
        for (int i = 0; i < 5; i++) {
            var id = CommandId.random();
            store.complete(id, claimed(id), anAcceptance(id));
        }
        var cutoff = clock.instant().plus(LEASE).plusSeconds(1);

        var batches = List.of(store.expire(cutoff, 2), store.expire(cutoff, 2), store.expire(cutoff, 2),
                store.expire(cutoff, 2));

        assertEquals(List.of(2, 2, 1, 0), batches);
    }

    @Test
    void concurrentExpiriesForgetEveryOldIdExactlyOnce() throws Exception {
        int ids = 60;
        for (int i = 0; i < ids; i++) {
            var id = CommandId.random();
            store.complete(id, claimed(id), anAcceptance(id));
        }
        var fresh = CommandId.random();
        clock.advance(LEASE.plusSeconds(1));
        var freshAcceptance = anAcceptance(fresh);
        store.complete(fresh, claimed(fresh), freshAcceptance);
        var cutoff = clock.instant();

        var forgotten = Expiries.race(8, () -> store.expire(cutoff, 7));

        assertEquals(ids, forgotten);
        assertEquals(new IdempotencyClaim.Completed(freshAcceptance), store.claim(fresh, FINGERPRINT, LEASE));
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

    /** Claims {@code id} for the test's command, which must succeed, and returns the claim's token. */
    private UUID claimed(CommandId id) {
        return assertInstanceOf(IdempotencyClaim.Claimed.class, store.claim(id, FINGERPRINT, LEASE)).token();
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
}
