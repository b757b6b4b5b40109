package dev.precinct.core.service;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.log.EventNotStoredException;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.command.Hop;
import dev.precinct.core.command.IdempotencyClaim;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.event.RecordedEvent;
import dev.precinct.core.command.Rejection;
import dev.precinct.core.port.CommandHandler;
import dev.precinct.core.port.DeadLetterStore;
import dev.precinct.core.port.EventLookup;
import dev.precinct.core.port.EventPublisher;
import dev.precinct.core.port.HopTimings;
import dev.precinct.core.port.IdempotencyStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The business-logic service's handling of a request/reply command: field rules, deduplication on the command
 * id, the command's rules against the read models, publishing, and only after the event log's acknowledgement
 * the acceptance. At most one event per command id reaches the log, whatever fails:
 * <ul>
 * <li>a publish the log certainly did not store ({@link EventNotStoredException}) releases the id: a retry
 *     publishes at once;</li>
 * <li>a publish with an unknown outcome (a time-out, a lost connection: the event may be in the log) leaves the id
 *     {@linkplain IdempotencyStore#unresolved unresolved}; a retry after a short hold searches the log for the
 *     event ({@link EventLookup}) and answers the original acceptance when it is there, else publishes, but only
 *     once the earliest attempt is older than the log's commit horizon: on a replicated log a record the producer
 *     gave up may be appended on the leader and become visible only when the in-sync replicas have it or a lost
 *     one is dropped from them, seconds later;</li>
 * <li>a claim whose business-logic instance died is taken over after its lease, with the same search first.</li>
 * </ul>
 * Either failed publish goes to the dead-letter store and answers FAILED (retry with the same key).
 *
 * <p>The command's rules are checked against the read models while the id is being claimed (both are round trips
 * to the stores); their verdict is used only once the claim is this request's, exactly where it was used when the
 * two ran one after the other. The read models are eventually consistent either way.
 */
public final class AcceptCommand implements CommandHandler {
    private static final System.Logger LOG = System.getLogger(AcceptCommand.class.getName());
    /**
     * How far before an earlier attempt's claim the log is searched: the claim's time and the event's timestamp
     * come from the clocks of (possibly different) business-logic processes, which may disagree this much.
     */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** What becomes of the claim when the command ends without an acceptance. */
    private enum Ending { RELEASE, UNRESOLVED, NONE }

    private final IdempotencyStore idempotency;
    private final ReadModels readModels;
    private final EventPublisher publisher;
    private final EventLookup lookup;
    private final DeadLetterStore deadLetters;
    private final Clock clock;
    private final Duration publishTimeout;
    private final Duration claimLease;
    private final Duration commitHorizon;
    private final HopTimings timings;
    private final Executor checks;

    /** As the full constructor, checking the rules on a virtual thread of their own per command. */
    public AcceptCommand(IdempotencyStore idempotency, ReadModels readModels, EventPublisher publisher,
                         EventLookup lookup, DeadLetterStore deadLetters, Clock clock, Duration publishTimeout,
                         HopTimings timings) {
        this(idempotency, readModels, publisher, lookup, deadLetters, clock, publishTimeout, timings,
                Thread::startVirtualThread);
    }

    /**
     * @param lookup         searches the log for an earlier attempt's event (see the class comment)
     * @param publishTimeout how long to wait for the event log's acknowledgement; keep it below the edge's request
     *                       timeout so the client hears "failed" rather than "timed out"
     * @param checks         runs the check of a command's rules against the read models while its id is claimed
     *                       ({@code Runnable::run} runs the two one after the other)
     */
    public AcceptCommand(IdempotencyStore idempotency, ReadModels readModels, EventPublisher publisher,
                         EventLookup lookup, DeadLetterStore deadLetters, Clock clock, Duration publishTimeout,
                         HopTimings timings, Executor checks) {
        this(idempotency, readModels, publisher, lookup, deadLetters, clock, publishTimeout, timings, checks,
                Duration.ZERO);
    }

    /**
     * As above, for a log whose records may become visible to a search only some time after the producer gave them
     * up (a replicated Kafka topic).
     *
     * @param commitHorizon how long after an attempt with an unknown outcome its event may still become visible;
     *                      until then a search that does not find it answers "retry" rather than publishing again
     */
    public AcceptCommand(IdempotencyStore idempotency, ReadModels readModels, EventPublisher publisher,
                         EventLookup lookup, DeadLetterStore deadLetters, Clock clock, Duration publishTimeout,
                         HopTimings timings, Executor checks, Duration commitHorizon) {
        this.commitHorizon = Objects.requireNonNull(commitHorizon, "commitHorizon");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.readModels = Objects.requireNonNull(readModels, "readModels");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publishTimeout = Objects.requireNonNull(publishTimeout, "publishTimeout");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.checks = Objects.requireNonNull(checks, "checks");
        // a claimant that crashed frees its key once every request it could have been serving has timed out
        this.claimLease = publishTimeout.multipliedBy(4);
    }

    @Override
    public Acceptance handle(CommandEnvelope command) {
        var timer = new HopTimer(timings, command.type().name());
        try {
            var acceptance = decide(command, timer);
            timer.record(HopTimer.outcome(acceptance));
            return acceptance;
        } catch (RuntimeException | Error e) {
            timer.record("error");
            throw e;
        }
    }

    private Acceptance decide(CommandEnvelope request, HopTimer timer) {
        long started = HopTimer.start();
        var violations = request.data().violations();
        timer.stop(Hop.VALIDATION, started);
        if (!violations.isEmpty()) return rejected(request, Rejection.invalid(violations));

        // The ids a retry would get are filled in before the fingerprint is taken, so that a re-drive of a dead
        // letter (whose data has them) is the same command as the request that made it.
        var command = request.withData(request.type().withIds(request.data(), request.commandId()));
        var check = startCheck(command);
        started = HopTimer.start();
        var claim = idempotency.claim(command.commandId(), command.fingerprint(), claimLease);
        timer.stop(Hop.IDEMPOTENCY, started);
        return switch (claim) {
            case IdempotencyClaim.Completed completed -> completed.acceptance();
            case IdempotencyClaim.InProgress inProgress -> rejected(command, new Rejection(Acceptance.Code.IN_PROGRESS,
                    "a request with this Idempotency-Key is still being processed", List.of()));
            case IdempotencyClaim.Mismatch mismatch -> rejected(command, new Rejection(
                    Acceptance.Code.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used for a different command",
                    List.of()));
            case IdempotencyClaim.Unresolved unresolved -> unknown(command, "an earlier attempt with this "
                    + "Idempotency-Key may have reached the event log and is being checked; retry in a moment with "
                    + "the same Idempotency-Key");
            case IdempotencyClaim.Claimed claimed -> publishOnce(command, claimed, check, timer);
        };
    }

    /** The verdict of the command's rules and how long they took; a verdict no claim uses is dropped. */
    private record Check(Optional<Rejection> rejection, long nanos) {
    }

    private CompletableFuture<Check> startCheck(CommandEnvelope command) {
        return CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            var rejection = command.type().check(command.data(), command.principal(), readModels);
            return new Check(rejection, System.nanoTime() - started);
        }, checks);
    }

    /** Waits for the check; throws what it threw, as if it had run on this thread. */
    private static Optional<Rejection> verdict(CompletableFuture<Check> check, HopTimer timer) {
        long waited = HopTimer.start();
        try {
            var done = check.join();
            // the hop's time is the rules' own (as when they ran on this thread), not the wait for them
            timer.add(Hop.VALIDATION, done.nanos());
            return done.rejection();
        } catch (CompletionException e) {
            timer.stop(Hop.VALIDATION, waited);
            switch (e.getCause()) {
                case RuntimeException failure -> throw failure;
                case Error error -> throw error;
                case null, default -> throw e;
            }
        }
    }

    /** Ours to publish: unless an earlier attempt's event is in the log already. */
    private Acceptance publishOnce(CommandEnvelope command, IdempotencyClaim.Claimed claim,
                                   CompletableFuture<Check> check, HopTimer timer) {
        var token = claim.token();
        var event = EventEnvelope.of(command, EventEnvelope.SOURCE_BL, clock.instant());
        var ending = Ending.RELEASE;
        try {
            if (claim.earlierAttemptSince().isPresent()) {
                // until the search says otherwise, an earlier attempt's event may be in the log
                ending = Ending.UNRESOLVED;
                Optional<RecordedEvent> earlier;
                long searching = HopTimer.start();
                try {
                    earlier = lookup.find(event, claim.earlierAttemptSince().get().minus(CLOCK_SKEW));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot search the event log for an earlier attempt of "
                            + "{0} {1}: {2}", event.eventType(), event.commandId(), e.toString());
                    return unknown(command, "an earlier attempt with this Idempotency-Key may have reached the "
                            + "event log, which cannot be checked now; retry in a moment with the same "
                            + "Idempotency-Key");
                } finally {
                    timer.stop(Hop.KAFKA, searching);
                }
                if (earlier.isPresent()) {
                    var acceptance = accepted(command, earlier.get().event(), earlier.get().position());
                    ending = Ending.NONE;
                    complete(command, token, acceptance, timer);
                    return acceptance;
                }
                if (clock.instant().isBefore(claim.earlierAttemptSince().get().plus(commitHorizon)))
                    return unknown(command, "an earlier attempt with this Idempotency-Key may still reach the event "
                            + "log, whose replicas have not settled yet; retry in a moment with the same "
                            + "Idempotency-Key");
                ending = Ending.RELEASE;
            }

            var rejection = verdict(check, timer);
            if (rejection.isPresent()) return rejected(command, rejection.get());

            // from here on the event may reach the log, whatever this thread hears
            ending = Ending.UNRESOLVED;
            EventPosition position;
            long started = HopTimer.start();
            try {
                position = publisher.publish(event).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof EventNotStoredException) ending = Ending.RELEASE;
                return PublishFailures.deadLetter(event, e.getCause(), deadLetters, clock);
            } catch (TimeoutException e) {
                return PublishFailures.deadLetter(event, e, deadLetters, clock);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return PublishFailures.deadLetter(event, e, deadLetters, clock);
            } finally {
                timer.stop(Hop.KAFKA, started);
            }
            var acceptance = accepted(command, event, position);
            ending = Ending.NONE;
            complete(command, token, acceptance, timer);
            return acceptance;
        } finally {
            end(command, token, ending, timer);
        }
    }

    /**
     * Remembers the acceptance. The event is in the log whatever happens here, so the answer stays "accepted": when
     * the store fails, the claim's lease runs out and a repeat finds the event in the log.
     */
    private void complete(CommandEnvelope command, UUID token, Acceptance.Accepted acceptance, HopTimer timer) {
        long started = HopTimer.start();
        try {
            if (!idempotency.complete(command.commandId(), token, acceptance))
                LOG.log(System.Logger.Level.WARNING, "{0} {1} was accepted after its claim had run out; a repeat "
                        + "finds its event in the log", command.type().name(), command.commandId());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the acceptance of " + command.commandId() + " could not be "
                    + "remembered; a repeat finds its event in the log once the claim's lease ends", e);
        } finally {
            timer.stop(Hop.IDEMPOTENCY, started);
        }
    }

    /**
     * Ends a claim that was not completed. Best effort: a claim the store could not end stays until its lease runs
     * out, and is then taken over with a search of the log, which is safe either way.
     */
    private void end(CommandEnvelope command, UUID token, Ending ending, HopTimer timer) {
        if (ending == Ending.NONE) return;
        long started = HopTimer.start();
        try {
            if (ending == Ending.RELEASE) idempotency.release(command.commandId(), token);
            else idempotency.unresolved(command.commandId(), token, publishTimeout);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot end the claim of " + command.commandId()
                    + "; it is taken over when its lease ends", e);
        } finally {
            timer.stop(Hop.IDEMPOTENCY, started);
        }
    }

    private static Acceptance.Accepted accepted(CommandEnvelope command, EventEnvelope event, EventPosition position) {
        return new Acceptance.Accepted(command.commandId(), event.correlationId(), command.type().name(),
                command.type().resourceOf(event.data()), position);
    }

    private static Acceptance.Failed unknown(CommandEnvelope command, String reason) {
        return new Acceptance.Failed(command.commandId(), command.correlationId(), Acceptance.Code.PUBLISH_FAILED,
                reason, true);
    }

    private static Acceptance rejected(CommandEnvelope command, Rejection rejection) {
        return new Acceptance.Rejected(command.commandId(), command.correlationId(), rejection);
    }
}
