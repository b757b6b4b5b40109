package dev.precinct.core.service;

import dev.precinct.core.Acceptance;
import dev.precinct.core.CommandEnvelope;
import dev.precinct.core.EventEnvelope;
import dev.precinct.core.EventPosition;
import dev.precinct.core.IdempotencyClaim;
import dev.precinct.core.ReadModels;
import dev.precinct.core.Rejection;
import dev.precinct.core.port.CommandHandler;
import dev.precinct.core.port.DeadLetterStore;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.IdempotencyStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The business-logic service's handling of a request/reply command: field rules, deduplication on the command
 * id, the command's rules against the read models, publishing, and only after the event log's acknowledgement
 * the acceptance. When the publish fails the command goes to the dead-letter store and no acceptance is remembered.
 */
public final class AcceptCommand implements CommandHandler {
    private static final System.Logger LOG = System.getLogger(AcceptCommand.class.getName());

    private final IdempotencyStore idempotency;
    private final ReadModels readModels;
    private final EventPublisher publisher;
    private final DeadLetterStore deadLetters;
    private final Clock clock;
    private final Duration publishTimeout;
    private final Duration claimLease;

    /**
     * @param publishTimeout how long to wait for the event log's acknowledgement; keep it below the edge's request
     *                       timeout so the client hears "failed" rather than "timed out"
     */
    public AcceptCommand(IdempotencyStore idempotency, ReadModels readModels, EventPublisher publisher,
                         DeadLetterStore deadLetters, Clock clock, Duration publishTimeout) {
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.readModels = Objects.requireNonNull(readModels, "readModels");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publishTimeout = Objects.requireNonNull(publishTimeout, "publishTimeout");
        // a claimant that crashed frees its key once every request it could have been serving has timed out
        this.claimLease = publishTimeout.multipliedBy(4);
    }

    @Override
    public Acceptance handle(CommandEnvelope command) {
        var violations = command.data().violations();
        if (!violations.isEmpty()) return rejected(command, Rejection.invalid(violations));

        switch (idempotency.claim(command.commandId(), command.fingerprint(), claimLease)) {
            case IdempotencyClaim.Completed completed -> {
                return completed.acceptance();
            }
            case IdempotencyClaim.InProgress inProgress -> {
                return rejected(command, new Rejection(Acceptance.Code.IN_PROGRESS,
                        "a request with this Idempotency-Key is still being processed", List.of()));
            }
            case IdempotencyClaim.Mismatch mismatch -> {
                return rejected(command, new Rejection(Acceptance.Code.IDEMPOTENCY_KEY_REUSED,
                        "this Idempotency-Key was used for a different command", List.of()));
            }
            case IdempotencyClaim.Claimed claimed -> {
                // ours to publish: go on
            }
        }

        boolean accepted = false;
        try {
            var data = command.type().withIds(command.data(), command.commandId());
            var rejection = command.type().check(data, command.principal(), readModels);
            if (rejection.isPresent()) return rejected(command, rejection.get());

            var event = EventEnvelope.of(command.withData(data), EventEnvelope.SOURCE_BL, clock.instant());
            EventPosition position;
            try {
                position = publisher.publish(event).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return publishFailed(event, e instanceof ExecutionException ? e.getCause() : e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return publishFailed(event, e);
            }
            var acceptance = new Acceptance.Accepted(command.commandId(), command.correlationId(),
                    command.type().name(), command.type().resourceOf(data), position);
            idempotency.complete(command.commandId(), acceptance);
            accepted = true;
            return acceptance;
        } finally {
            if (!accepted) idempotency.release(command.commandId());
        }
    }

    private Acceptance publishFailed(EventEnvelope event, Throwable error) {
        return PublishFailures.deadLetter(event, error, deadLetters, clock);
    }

    private static Acceptance rejected(CommandEnvelope command, Rejection rejection) {
        return new Acceptance.Rejected(command.commandId(), command.correlationId(), rejection);
    }
}
