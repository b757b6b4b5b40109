package dev.precinct.core.memory;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.port.CommandStatusQueries;
import dev.precinct.core.port.Expirable;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command-status read model in memory, shared by the in-memory projection stores. Statuses decided before a
 * cutoff {@link #expire expire}: they are then neither found nor {@linkplain #decided decided}. Thread-safe.
 */
public final class InMemoryCommandStatuses implements CommandStatusQueries, Expirable {
    private final ConcurrentHashMap<CorrelationId, CommandStatusView> byCorrelationId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CommandId, CommandStatusView> byCommandId = new ConcurrentHashMap<>();

    @Override
    public Optional<CommandStatusView> find(CorrelationId correlationId) {
        return Optional.ofNullable(byCorrelationId.get(correlationId));
    }

    boolean decided(CommandId commandId) {
        return byCommandId.containsKey(commandId);
    }

    /** Records an outcome; the first outcome of a command wins, as in the real store. */
    void put(CommandStatusView status) {
        if (byCommandId.putIfAbsent(status.commandId(), status) == null)
            byCorrelationId.putIfAbsent(status.correlationId(), status);
    }

    /** Forgets at most {@code limit} statuses the projections decided ({@code appliedAt}) before {@code cutoff}. */
    @Override
    public int expire(Instant cutoff, int limit) {
        int expired = 0;
        for (var status : byCommandId.values()) {
            if (expired == limit) break;
            if (status.appliedAt().isBefore(cutoff) && byCommandId.remove(status.commandId(), status)) {
                byCorrelationId.remove(status.correlationId(), status);
                expired++;
            }
        }
        return expired;
    }
}
