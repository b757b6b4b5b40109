package dev.precinct.core.service;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventNotStoredException;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.command.Hop;
import dev.precinct.core.command.IdempotencyClaim;
import dev.precinct.core.command.Principal;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.memory.InMemoryDeadLetterStore;
import dev.precinct.core.memory.InMemoryEventLog;
import dev.precinct.core.memory.InMemoryHopTimings;
import dev.precinct.core.memory.InMemoryIdempotencyStore;
import dev.precinct.police.officer.DutyStatus;
import dev.precinct.police.officer.OfficerFixtures;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.police.officer.Officers;
import dev.precinct.police.officer.Rank;
import dev.precinct.police.officer.RegisterOfficer;
import dev.precinct.core.port.EventLookup;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.IdempotencyStore;
import dev.precinct.core.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The business logic of a request/reply command, over in-memory ports. */
class AcceptCommandTest {
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMillis(500);
    private static final Duration LEASE = PUBLISH_TIMEOUT.multipliedBy(4);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final InMemoryEventLog log = new InMemoryEventLog(3);
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(clock);
    private final InMemoryHopTimings timings = new InMemoryHopTimings();
    private final Map<String, OfficerView> officers = new ConcurrentHashMap<>();
    private final ReadModels readModels = ReadModels.builder()
            .with(OfficerView.MODEL, badge -> Optional.ofNullable(officers.get(badge))).build();

    private AcceptCommand handler(EventPublisher publisher) {
        return handler(publisher, log, idempotency);
    }

    private AcceptCommand handler(EventPublisher publisher, EventLookup lookup, IdempotencyStore store) {
        return new AcceptCommand(store, readModels, publisher, lookup, deadLetters, clock, PUBLISH_TIMEOUT, timings);
    }

    /** A publisher whose event reaches the log but whose acknowledgement is lost: the outcome is unknown. */
    private EventPublisher ackLost() {
        return event -> log.publish(event).thenCompose(position ->
                CompletableFuture.failedFuture(new IllegalStateException("connection lost before the ack")));
    }

    private static CommandEnvelope envelope(RegisterOfficer command, String key) {
        return new CommandEnvelope(Officers.REGISTER, command, new CommandId(key), CorrelationId.random(),
                new Principal("sgt.lewis"), OfficerFixtures.aTraceparent());
    }

    @Test
    void aValidCommandIsPublishedThenAccepted() {
        var command = envelope(OfficerFixtures.aRegisterOfficer(), "k-1");

        var acceptance = handler(log).handle(command);

        var accepted = assertInstanceOf(Acceptance.Accepted.class, acceptance);
        assertEquals(command.correlationId(), accepted.correlationId());
        assertEquals("/api/v1/officers/" + command.data().aggregateId(), accepted.resource());
        var events = log.events(Officers.TOPIC);
        assertEquals(1, events.size());
        assertEquals(accepted.event(), events.getFirst().position());
        assertEquals(EventEnvelope.SOURCE_BL, events.getFirst().event().source());
        assertEquals(new Principal("sgt.lewis"), events.getFirst().event().issuedBy());
    }

    @Test
    void aRepeatedCommandIdAnswersTheOriginalAcceptanceAndPublishesOnce() {
        var registration = OfficerFixtures.aRegisterOfficer();
        var first = handler(log).handle(envelope(registration, "k-2"));

        var second = handler(log).handle(envelope(registration, "k-2"));

        assertEquals(first, second);
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    @Test
    void aCommandIdReusedForAnotherCommandIsRefused() {
        handler(log).handle(envelope(OfficerFixtures.aRegisterOfficer(), "k-3"));

        var reused = handler(log).handle(envelope(OfficerFixtures.aRegisterOfficer(), "k-3"));

        assertEquals(Acceptance.Code.IDEMPOTENCY_KEY_REUSED, assertInstanceOf(Acceptance.Rejected.class, reused).code());
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    @Test
    void brokenFieldRulesAreRejectedWithViolationsAndNothingIsPublished() {
        var acceptance = handler(log).handle(envelope(new RegisterOfficer("x", "", "L", "GENERAL", "U"), "k-4"));

        var rejected = assertInstanceOf(Acceptance.Rejected.class, acceptance);
        assertEquals(Acceptance.Code.VALIDATION_FAILED, rejected.code());
        assertEquals(3, rejected.violations().size());
        assertTrue(log.events(Officers.TOPIC).isEmpty());
    }

    @Test
    void aBadgeTheReadModelHasIsAConflictAndTheKeyStaysFree() {
        var registration = OfficerFixtures.aRegisterOfficer();
        officers.put(registration.badgeNumber(), new OfficerView(registration.badgeNumber(), "A", "B", Rank.CONSTABLE,
                "U", DutyStatus.OFF_DUTY, null, Instant.EPOCH, Instant.EPOCH, 1));

        var conflict = handler(log).handle(envelope(registration, "k-5"));
        officers.clear();
        var retry = handler(log).handle(envelope(registration, "k-5"));

        assertEquals(Acceptance.Code.CONFLICT, assertInstanceOf(Acceptance.Rejected.class, conflict).code());
        assertInstanceOf(Acceptance.Accepted.class, retry);
    }

    @Test
    void aPublishTheLogCertainlyDidNotStoreIsDeadLetteredAndARetryPublishesAtOnce() {
        EventPublisher refused = event -> CompletableFuture.failedFuture(
                new EventNotStoredException("no metadata for the topic", null));
        var command = envelope(OfficerFixtures.aRegisterOfficer(), "k-6");

        var failed = handler(refused).handle(command);
        var retried = handler(log).handle(command);

        assertEquals(Acceptance.Code.PUBLISH_FAILED, assertInstanceOf(Acceptance.Failed.class, failed).code());
        assertTrue(((Acceptance.Failed) failed).retryable());
        assertEquals(1, deadLetters.list().size());
        assertEquals(command.commandId(), deadLetters.list().getFirst().event().commandId());
        assertTrue(deadLetters.list().getFirst().error().contains("no metadata"));
        assertInstanceOf(Acceptance.Accepted.class, retried);
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    @Test
    void aPublishWithAnUnknownOutcomeIsDeadLetteredAndARetryDuringTheHoldPublishesNothing() {
        EventPublisher down = event -> CompletableFuture.failedFuture(new IllegalStateException("broker down"));
        var command = envelope(OfficerFixtures.aRegisterOfficer(), "k-9");

        var failed = handler(down).handle(command);
        var retried = handler(log).handle(command);

        assertEquals(Acceptance.Code.PUBLISH_FAILED, assertInstanceOf(Acceptance.Failed.class, failed).code());
        assertEquals(1, deadLetters.list().size());
        assertTrue(deadLetters.list().getFirst().error().contains("broker down"));
        var unresolved = assertInstanceOf(Acceptance.Failed.class, retried);
        assertTrue(unresolved.retryable());
        assertEquals(1, deadLetters.list().size(), "a retry that publishes nothing is not dead-lettered");
        assertTrue(log.events(Officers.TOPIC).isEmpty());
    }

    @Test
    void aRetryAfterAnUnknownOutcomeWhoseEventIsInTheLogAnswersTheOriginalAcceptanceAndPublishesNothing() {
        var registration = OfficerFixtures.aRegisterOfficer();
        var first = envelope(registration, "k-10");
        handler(ackLost()).handle(first);
        clock.advance(PUBLISH_TIMEOUT.plusMillis(1));

        var retried = handler(log).handle(envelope(registration, "k-10"));
        var repeated = handler(log).handle(envelope(registration, "k-10"));

        var accepted = assertInstanceOf(Acceptance.Accepted.class, retried);
        assertEquals(first.correlationId(), accepted.correlationId());
        var events = log.events(Officers.TOPIC);
        assertEquals(1, events.size());
        assertEquals(events.getFirst().position(), accepted.event());
        assertEquals(accepted, repeated);
    }

    @Test
    void aRetryAfterAnUnknownOutcomeWhoseEventIsNotInTheLogPublishesOnce() {
        EventPublisher down = event -> CompletableFuture.failedFuture(new IllegalStateException("broker down"));
        var registration = OfficerFixtures.aRegisterOfficer();
        handler(down).handle(envelope(registration, "k-11"));
        clock.advance(PUBLISH_TIMEOUT.plusMillis(1));

        var retried = handler(log).handle(envelope(registration, "k-11"));
        var repeated = handler(log).handle(envelope(registration, "k-11"));

        assertInstanceOf(Acceptance.Accepted.class, retried);
        assertEquals(retried, repeated);
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    @Test
    void onAReplicatedLogARetryThatDoesNotFindTheEventPublishesOnlyAfterTheCommitHorizon() {
        var horizon = Duration.ofSeconds(30);
        var replicated = new AcceptCommand(idempotency, readModels, log, log, deadLetters, clock, PUBLISH_TIMEOUT,
                timings, Runnable::run, horizon);
        EventPublisher down = event -> CompletableFuture.failedFuture(new IllegalStateException("broker down"));
        var registration = OfficerFixtures.aRegisterOfficer();
        new AcceptCommand(idempotency, readModels, down, log, deadLetters, clock, PUBLISH_TIMEOUT, timings,
                Runnable::run, horizon).handle(envelope(registration, "k-11h"));
        clock.advance(PUBLISH_TIMEOUT.plusMillis(1));

        var tooEarly = replicated.handle(envelope(registration, "k-11h"));
        clock.advance(horizon);
        var settled = replicated.handle(envelope(registration, "k-11h"));

        var retry = assertInstanceOf(Acceptance.Failed.class, tooEarly);
        assertTrue(retry.retryable());
        assertEquals(Acceptance.Code.PUBLISH_FAILED, retry.code());
        assertInstanceOf(Acceptance.Accepted.class, settled);
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    @Test
    void aRetryWhileTheLogCannotBeSearchedFailsAndTheNextOneSearchesAgain() {
        var registration = OfficerFixtures.aRegisterOfficer();
        var first = envelope(registration, "k-12");
        handler(ackLost()).handle(first);
        clock.advance(PUBLISH_TIMEOUT.plusMillis(1));
        EventLookup unreachable = (event, since) -> {
            throw new IllegalStateException("broker down");
        };

        var blind = handler(log, unreachable, idempotency).handle(envelope(registration, "k-12"));
        clock.advance(PUBLISH_TIMEOUT.plusMillis(1));
        var retried = handler(log).handle(envelope(registration, "k-12"));

        assertEquals(Acceptance.Code.PUBLISH_FAILED, assertInstanceOf(Acceptance.Failed.class, blind).code());
        assertEquals(first.correlationId(), assertInstanceOf(Acceptance.Accepted.class, retried).correlationId());
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    @Test
    void theClaimOfACrashedInstanceIsTakenOverAfterItsLeaseAndItsPublishedEventAnswers() {
        var registration = OfficerFixtures.aRegisterOfficer();
        var crashed = envelope(registration, "k-13");
        // the crashed instance claimed the key and published, then died before completing the claim
        assertInstanceOf(IdempotencyClaim.Claimed.class, idempotency.claim(crashed.commandId(), crashed.fingerprint(), LEASE));
        log.publish(EventEnvelope.of(crashed, EventEnvelope.SOURCE_BL, clock.instant()));

        var duringTheLease = handler(log).handle(envelope(registration, "k-13"));
        clock.advance(LEASE.plusMillis(1));
        var afterTheLease = handler(log).handle(envelope(registration, "k-13"));

        assertEquals(Acceptance.Code.IN_PROGRESS, assertInstanceOf(Acceptance.Rejected.class, duringTheLease).code());
        assertEquals(crashed.correlationId(), assertInstanceOf(Acceptance.Accepted.class, afterTheLease).correlationId());
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    @Test
    void anAcknowledgedCommandIsAcceptedEvenWhenTheStoreCannotRememberIt() {
        var registration = OfficerFixtures.aRegisterOfficer();
        IdempotencyStore forgetful = new IdempotencyStore() {
            @Override
            public IdempotencyClaim claim(CommandId commandId, String fingerprint, Duration lease) {
                return idempotency.claim(commandId, fingerprint, lease);
            }

            @Override
            public boolean complete(CommandId commandId, UUID token, Acceptance.Accepted acceptance) {
                throw new IllegalStateException("database down");
            }

            @Override
            public void release(CommandId commandId, UUID token) {
                idempotency.release(commandId, token);
            }

            @Override
            public int expire(Instant cutoff, int limit) {
                return idempotency.expire(cutoff, limit);
            }

            @Override
            public void unresolved(CommandId commandId, UUID token, Duration hold) {
                idempotency.unresolved(commandId, token, hold);
            }
        };

        var accepted = handler(log, log, forgetful).handle(envelope(registration, "k-14"));
        clock.advance(LEASE.plusMillis(1));
        var repeated = handler(log).handle(envelope(registration, "k-14"));

        assertInstanceOf(Acceptance.Accepted.class, accepted);
        assertEquals(accepted, repeated);
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    @Test
    void everyBusinessLogicHopOfAnAcceptedCommandIsTimed() {
        handler(log).handle(envelope(OfficerFixtures.aRegisterOfficer(), "k-15"));

        var samples = timings.samples();

        assertEquals(List.of(Hop.VALIDATION, Hop.IDEMPOTENCY, Hop.KAFKA),
                samples.stream().map(InMemoryHopTimings.Sample::hop).toList());
        assertTrue(samples.stream().allMatch(sample -> sample.outcome().equals("accepted")
                && sample.commandType().equals("RegisterOfficer") && !sample.took().isNegative()), samples::toString);
    }

    @Test
    void aRejectedCommandIsTimedAsRejectedWithoutAKafkaHop() {
        handler(log).handle(envelope(new RegisterOfficer("x", "", "L", "GENERAL", "U"), "k-16"));

        assertEquals(List.of(new InMemoryHopTimings.Sample(Hop.VALIDATION, "RegisterOfficer", "rejected",
                timings.samples().getFirst().took())), timings.samples());
    }

    @Test
    void aPublishThatNeverAnswersFailsWithinTheBoundedWait() {
        EventPublisher silent = event -> new CompletableFuture<EventPosition>();

        var failed = handler(silent).handle(envelope(OfficerFixtures.aRegisterOfficer(), "k-7"));

        assertInstanceOf(Acceptance.Failed.class, failed);
        assertEquals(1, deadLetters.list().size());
    }

    @Test
    void theRulesAreCheckedWhileTheIdIsBeingClaimed() {
        var consulted = new CountDownLatch(1);
        var models = ReadModels.builder().with(OfficerView.MODEL, badge -> {
            consulted.countDown();
            return Optional.<OfficerView>empty();
        }).build();
        var checkedDuringClaim = new boolean[1];
        var store = new DelegatingStore(idempotency) {
            @Override
            public IdempotencyClaim claim(CommandId commandId, String fingerprint, Duration lease) {
                try {
                    checkedDuringClaim[0] = consulted.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.claim(commandId, fingerprint, lease);
            }
        };
        var handler = new AcceptCommand(store, models, log, log, deadLetters, clock, PUBLISH_TIMEOUT, timings);

        var accepted = handler.handle(envelope(OfficerFixtures.aRegisterOfficer(), "k-17"));

        assertInstanceOf(Acceptance.Accepted.class, accepted);
        assertTrue(checkedDuringClaim[0], "the read models were consulted while the claim was being made");
    }

    @Test
    void readModelsThatFailFailTheCommandAndLeaveTheKeyFree() {
        var registration = OfficerFixtures.aRegisterOfficer();
        ReadModels down = ReadModels.builder().with(OfficerView.MODEL, badge -> {
            throw new IllegalStateException("the read models are down (a test failure)");
        }).build();
        var failing = new AcceptCommand(idempotency, down, log, log, deadLetters, clock, PUBLISH_TIMEOUT, timings);

        var failure = assertThrows(IllegalStateException.class, () -> failing.handle(envelope(registration, "k-18")));
        var retry = handler(log).handle(envelope(registration, "k-18"));

        assertEquals("the read models are down (a test failure)", failure.getMessage());
        assertInstanceOf(Acceptance.Accepted.class, retry);
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    @Test
    void aRepeatAnswersTheOriginalAcceptanceWhateverTheReadModelsSayNow() {
        var registration = OfficerFixtures.aRegisterOfficer();
        var first = handler(log).handle(envelope(registration, "k-19"));
        ReadModels down = ReadModels.builder().with(OfficerView.MODEL, badge -> {
            throw new IllegalStateException("the read models are down (a test failure)");
        }).build();
        var failing = new AcceptCommand(idempotency, down, log, log, deadLetters, clock, PUBLISH_TIMEOUT, timings);

        var repeat = failing.handle(envelope(registration, "k-19"));

        assertEquals(first, repeat);
        assertEquals(1, log.events(Officers.TOPIC).size());
    }

    /** An idempotency store that hands every call to another; a test overrides what it watches. */
    private static class DelegatingStore implements IdempotencyStore {
        private final IdempotencyStore store;

        DelegatingStore(IdempotencyStore store) {
            this.store = store;
        }

        @Override
        public IdempotencyClaim claim(CommandId commandId, String fingerprint, Duration lease) {
            return store.claim(commandId, fingerprint, lease);
        }

        @Override
        public boolean complete(CommandId commandId, UUID token, Acceptance.Accepted acceptance) {
            return store.complete(commandId, token, acceptance);
        }

        @Override
        public void release(CommandId commandId, UUID token) {
            store.release(commandId, token);
        }

        @Override
        public void unresolved(CommandId commandId, UUID token, Duration hold) {
            store.unresolved(commandId, token, hold);
        }

        @Override
        public int expire(Instant cutoff, int limit) {
            return store.expire(cutoff, limit);
        }
    }

    @Test
    void aCommandStillInProgressIsRefusedAsInProgress() throws Exception {
        var registration = OfficerFixtures.aRegisterOfficer();
        var publishing = new CountDownLatch(1);
        var ack = new CompletableFuture<EventPosition>();
        var slow = handler(event -> {
            publishing.countDown();
            return ack;
        });
        var first = CompletableFuture.supplyAsync(() -> slow.handle(envelope(registration, "k-8")));
        assertTrue(publishing.await(5, TimeUnit.SECONDS));

        var second = handler(log).handle(envelope(registration, "k-8"));
        ack.complete(new EventPosition(Officers.TOPIC, 0, 0));

        assertEquals(Acceptance.Code.IN_PROGRESS, assertInstanceOf(Acceptance.Rejected.class, second).code());
        assertInstanceOf(Acceptance.Accepted.class, first.get(5, TimeUnit.SECONDS));
        assertTrue(log.events(Officers.TOPIC).isEmpty());
    }
}
