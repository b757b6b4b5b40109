package dev.precinct.core.service;

import dev.precinct.core.Acceptance;
import dev.precinct.core.CommandEnvelope;
import dev.precinct.core.CommandId;
import dev.precinct.core.CorrelationId;
import dev.precinct.core.EventEnvelope;
import dev.precinct.core.EventPosition;
import dev.precinct.core.Principal;
import dev.precinct.core.ReadModels;
import dev.precinct.core.memory.InMemoryDeadLetterStore;
import dev.precinct.core.memory.InMemoryEventLog;
import dev.precinct.core.memory.InMemoryIdempotencyStore;
import dev.precinct.core.officer.DutyStatus;
import dev.precinct.core.officer.OfficerFixtures;
import dev.precinct.core.officer.OfficerView;
import dev.precinct.core.officer.Officers;
import dev.precinct.core.officer.Rank;
import dev.precinct.core.officer.RegisterOfficer;
import dev.precinct.core.port.EventPublisher;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The business logic of a request/reply command, over in-memory ports. */
class AcceptCommandTest {
    private final Clock clock = Clock.systemUTC();
    private final InMemoryEventLog log = new InMemoryEventLog(3);
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(clock);
    private final Map<String, OfficerView> officers = new ConcurrentHashMap<>();
    private final ReadModels readModels = ReadModels.builder()
            .with(OfficerView.MODEL, badge -> Optional.ofNullable(officers.get(badge))).build();

    private AcceptCommand handler(EventPublisher publisher) {
        return new AcceptCommand(idempotency, readModels, publisher, deadLetters, clock, Duration.ofMillis(500));
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
    void aFailedPublishIsDeadLetteredAndRemembersNothing() {
        EventPublisher broken = event -> CompletableFuture.failedFuture(new IllegalStateException("broker down"));
        var command = envelope(OfficerFixtures.aRegisterOfficer(), "k-6");

        var failed = handler(broken).handle(command);
        var retried = handler(log).handle(command);

        assertEquals(Acceptance.Code.PUBLISH_FAILED, assertInstanceOf(Acceptance.Failed.class, failed).code());
        assertTrue(((Acceptance.Failed) failed).retryable());
        assertEquals(1, deadLetters.list().size());
        assertEquals(command.commandId(), deadLetters.list().getFirst().event().commandId());
        assertTrue(deadLetters.list().getFirst().error().contains("broker down"));
        assertInstanceOf(Acceptance.Accepted.class, retried);
    }

    @Test
    void aPublishThatNeverAnswersFailsWithinTheBoundedWait() {
        EventPublisher silent = event -> new CompletableFuture<EventPosition>();

        var failed = handler(silent).handle(envelope(OfficerFixtures.aRegisterOfficer(), "k-7"));

        assertInstanceOf(Acceptance.Failed.class, failed);
        assertEquals(1, deadLetters.list().size());
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
