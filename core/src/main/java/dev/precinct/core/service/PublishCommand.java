package dev.precinct.core.service;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.command.Hop;
import dev.precinct.core.command.Ids;
import dev.precinct.core.command.Rejection;
import dev.precinct.core.port.CommandGateway;
import dev.precinct.core.port.DeadLetterStore;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.HopTimings;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The edge's handling of a fire-and-forget command: field rules, ids, publish, "accepted" once the event log has
 * the event. There is no idempotency store on this path: a retry with the same command id publishes again, with
 * the same derived ids and correlation id, and the projection drops the second event. When the publish fails the
 * command is dead-lettered and the answer is FAILED. Never blocks the caller: publishing (which may wait for the
 * log's metadata) and dead-lettering run on {@code executor}.
 */
public final class PublishCommand implements CommandGateway {
    private final EventPublisher publisher;
    private final DeadLetterStore deadLetters;
    private final Clock clock;
    private final Executor executor;
    private final Duration publishTimeout;
    private final HopTimings timings;

    public PublishCommand(EventPublisher publisher, DeadLetterStore deadLetters, Clock clock, Executor executor,
                          Duration publishTimeout, HopTimings timings) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.publishTimeout = Objects.requireNonNull(publishTimeout, "publishTimeout");
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    @Override
    public CompletableFuture<Acceptance> send(CommandEnvelope command) {
        // the same command id always answers with the same correlation id, so a retry can read its status
        var correlationId = new CorrelationId(UUID.fromString(Ids.derived(command.commandId(), "correlation")));
        var timer = new HopTimer(timings, command.type().name());
        long validating = HopTimer.start();
        var violations = command.data().violations();
        timer.stop(Hop.VALIDATION, validating);
        if (!violations.isEmpty()) {
            timer.record("rejected");
            return CompletableFuture.completedFuture(
                    new Acceptance.Rejected(command.commandId(), correlationId, Rejection.invalid(violations)));
        }
        var data = command.type().withIds(command.data(), command.commandId());
        var event = EventEnvelope.of(command.withData(data).withCorrelationId(correlationId),
                EventEnvelope.SOURCE_EDGE, clock.instant());
        long publishing = HopTimer.start();
        return CompletableFuture.supplyAsync(() -> publisher.publish(event), executor)
                .thenCompose(stored -> stored)
                .orTimeout(publishTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((position, error) -> timer.stop(Hop.KAFKA, publishing))
                .<Acceptance>thenApply(position -> new Acceptance.Accepted(command.commandId(), correlationId,
                        command.type().name(), command.type().resourceOf(data), position))
                .exceptionallyAsync(error -> PublishFailures.deadLetter(event,
                        error instanceof CompletionException ? error.getCause() : error, deadLetters, clock), executor)
                .whenComplete((acceptance, error) ->
                        timer.record(error == null ? HopTimer.outcome(acceptance) : "error"));
    }
}
