package dev.precinct.core.service;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;
import dev.precinct.core.event.DeadLetter;
import dev.precinct.core.port.CommandGateway;
import dev.precinct.core.port.DeadLetterStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The operator's handling of command dead letters: list them, and re-drive one. A re-drive sends the command again
 * with its original ids (command id, correlation id, the ids generated for it), principal and trace context, down
 * its write path: a request/reply command through the business-logic service's claim of its command id, so a
 * command accepted meanwhile (the client retried) publishes nothing and answers its original acceptance; a
 * fire-and-forget command straight to the event log, where the projection drops a second copy. Once the command's
 * outcome is decided (accepted or rejected) the dead letter is removed; a re-drive that fails again keeps it.
 * Never blocks the caller: the store's blocking work runs on {@code executor}.
 */
public final class DeadLetterRedrive {
    private static final System.Logger LOG = System.getLogger(DeadLetterRedrive.class.getName());

    private final DeadLetterStore deadLetters;
    private final CommandGateway gateway;
    private final Executor executor;

    public DeadLetterRedrive(DeadLetterStore deadLetters, CommandGateway gateway, Executor executor) {
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The dead letters kept, oldest first. Blocks. */
    public List<DeadLetter> list() {
        return deadLetters.list();
    }

    /**
     * Re-drives the dead letter {@code id}: the outcome of its command, or empty when there is no such dead letter.
     * The future fails as {@link CommandGateway#send} does when the command could not be sent.
     */
    public CompletableFuture<Optional<Acceptance>> redrive(String id) {
        return CompletableFuture.supplyAsync(() -> deadLetters.find(id), executor).thenCompose(found -> {
            if (found.isEmpty()) return CompletableFuture.completedFuture(Optional.empty());
            var letter = found.get();
            return gateway.send(commandOf(letter))
                    .thenApplyAsync(acceptance -> Optional.of(settle(letter, acceptance)), executor);
        });
    }

    private Acceptance settle(DeadLetter letter, Acceptance acceptance) {
        if (!(acceptance instanceof Acceptance.Failed)) {
            deadLetters.remove(letter.id());
            LOG.log(System.Logger.Level.INFO, "re-drove dead letter {0} ({1} {2}): {3}", letter.id(),
                    letter.event().type().name(), letter.event().commandId(), HopTimer.outcome(acceptance));
        }
        return acceptance;
    }

    private static CommandEnvelope commandOf(DeadLetter letter) {
        var event = letter.event();
        return new CommandEnvelope(event.type(), event.data(), event.commandId(), event.correlationId(),
                event.issuedBy(), event.traceparent());
    }
}
