package dev.precinct.core.memory;

import dev.precinct.core.Acceptance;
import dev.precinct.core.CommandId;
import dev.precinct.core.IdempotencyClaim;
import dev.precinct.core.port.IdempotencyStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link IdempotencyStore} in a concurrent map: one JVM only. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private record Entry(String fingerprint, Acceptance.Accepted acceptance, Instant leaseEnds) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<CommandId, Entry> entries = new ConcurrentHashMap<>();

    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public IdempotencyClaim claim(CommandId commandId, String fingerprint, Duration lease) {
        var now = clock.instant();
        var claim = new IdempotencyClaim[1];
        entries.compute(commandId, (id, entry) -> {
            if (entry == null || (entry.acceptance() == null && entry.leaseEnds().isBefore(now))) {
                claim[0] = new IdempotencyClaim.Claimed();
                return new Entry(fingerprint, null, now.plus(lease));
            }
            if (!entry.fingerprint().equals(fingerprint)) claim[0] = new IdempotencyClaim.Mismatch();
            else if (entry.acceptance() == null) claim[0] = new IdempotencyClaim.InProgress();
            else claim[0] = new IdempotencyClaim.Completed(entry.acceptance());
            return entry;
        });
        return claim[0];
    }

    @Override
    public void complete(CommandId commandId, Acceptance.Accepted acceptance) {
        entries.computeIfPresent(commandId, (id, entry) -> new Entry(entry.fingerprint(), acceptance, entry.leaseEnds()));
    }

    @Override
    public void release(CommandId commandId) {
        entries.computeIfPresent(commandId, (id, entry) -> entry.acceptance() == null ? null : entry);
    }
}
