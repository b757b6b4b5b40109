package dev.precinct.core.service;

import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.port.CommandStatusQueries;
import dev.precinct.core.port.ProjectionListener;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Lets a reader wait for a command's outcome without polling: a waiter is woken when a projection reports the
 * command decided ({@link #decided}), or when its time is up, whichever comes first. Thread-safe; never blocks
 * the caller or the notifying thread.
 */
public final class CommandStatusWatch implements ProjectionListener {
    private final CommandStatusQueries statuses;
    private final Executor readExecutor;
    private final ConcurrentHashMap<CorrelationId, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

    /** @param readExecutor runs the (blocking) reads of the status store */
    public CommandStatusWatch(CommandStatusQueries statuses, Executor readExecutor) {
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.readExecutor = Objects.requireNonNull(readExecutor, "readExecutor");
    }

    /** The command's status once known or after {@code wait}, whichever comes first; empty when still unknown. */
    public CompletableFuture<Optional<CommandStatusView>> await(CorrelationId correlationId, Duration wait) {
        var signal = new CompletableFuture<Void>();
        // register before the first read, so a decision between the read and the registration is not missed
        waiters.computeIfAbsent(correlationId, id -> ConcurrentHashMap.newKeySet()).add(signal);
        return CompletableFuture.supplyAsync(() -> statuses.find(correlationId), readExecutor)
                .thenCompose(now -> now.isPresent() || wait.isZero()
                        ? CompletableFuture.completedFuture(now)
                        : signal.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                                .thenApplyAsync(ignored -> statuses.find(correlationId), readExecutor))
                .whenComplete((result, error) -> forget(correlationId, signal));
    }

    @Override
    public void decided(Collection<CorrelationId> correlationIds) {
        for (var id : correlationIds) {
            var signals = waiters.remove(id);
            if (signals != null) signals.forEach(signal -> signal.complete(null));
        }
    }

    private void forget(CorrelationId correlationId, CompletableFuture<Void> signal) {
        waiters.computeIfPresent(correlationId, (id, signals) -> {
            signals.remove(signal);
            return signals.isEmpty() ? null : signals;
        });
    }
}
