package dev.precinct.core.memory;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.IdempotencyClaim;
import dev.precinct.core.port.IdempotencyStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link IdempotencyStore} in a concurrent map: one JVM only. Thread-safe; never blocks for long. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    /**
     * @param token           the claimant's; null while nobody holds an unresolved id
     * @param unresolvedSince when set, an attempt from this time on may have published
     * @param acceptance      null until completed
     */
    private record Entry(String fingerprint, UUID token, Instant claimedAt, Instant leaseEnds,
                         Instant unresolvedSince, Acceptance.Accepted acceptance) {
        boolean heldBy(UUID token) {
            return acceptance == null && token.equals(this.token);
        }
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
            if (entry == null) {
                var token = UUID.randomUUID();
                claim[0] = IdempotencyClaim.Claimed.fresh(token);
                return new Entry(fingerprint, token, now, now.plus(lease), null, null);
            }
            if (!entry.fingerprint().equals(fingerprint)) {
                claim[0] = new IdempotencyClaim.Mismatch();
            } else if (entry.acceptance() != null) {
                claim[0] = new IdempotencyClaim.Completed(entry.acceptance());
            } else if (!entry.leaseEnds().isBefore(now)) {
                claim[0] = entry.token() != null
                        ? new IdempotencyClaim.InProgress() : new IdempotencyClaim.Unresolved();
            } else {
                // taken over: the earlier claimant may have published before it stopped
                var token = UUID.randomUUID();
                var since = entry.unresolvedSince() == null ? entry.claimedAt() : entry.unresolvedSince();
                claim[0] = new IdempotencyClaim.Claimed(token, Optional.of(since));
                return new Entry(fingerprint, token, now, now.plus(lease), since, null);
            }
            return entry;
        });
        return claim[0];
    }

    @Override
    public boolean complete(CommandId commandId, UUID token, Acceptance.Accepted acceptance) {
        var completed = new boolean[1];
        entries.computeIfPresent(commandId, (id, entry) -> {
            if (!entry.heldBy(token)) return entry;
            completed[0] = true;
            return new Entry(entry.fingerprint(), token, entry.claimedAt(), entry.leaseEnds(),
                    entry.unresolvedSince(), acceptance);
        });
        return completed[0];
    }

    @Override
    public void release(CommandId commandId, UUID token) {
        entries.computeIfPresent(commandId, (id, entry) -> entry.heldBy(token) ? null : entry);
    }

    @Override
    public void unresolved(CommandId commandId, UUID token, Duration hold) {
        var now = clock.instant();
        entries.computeIfPresent(commandId, (id, entry) -> {
            if (!entry.heldBy(token)) return entry;
            var since = entry.unresolvedSince() == null ? entry.claimedAt() : entry.unresolvedSince();
            return new Entry(entry.fingerprint(), null, entry.claimedAt(), now.plus(hold), since, null);
        });
    }

    @Override
    public int expire(Instant cutoff, int limit) {
        int expired = 0;
        for (var entry : entries.entrySet()) {
            if (expired == limit) break;
            // removes only the entry as it was read: one claimed again meanwhile stays
            if (entry.getValue().leaseEnds().isBefore(cutoff) && entries.remove(entry.getKey(), entry.getValue()))
                expired++;
        }
        return expired;
    }
}
