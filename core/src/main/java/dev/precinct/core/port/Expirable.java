package dev.precinct.core.port;

import java.time.Instant;

/**
 * Entries that are forgotten once they are old, a small batch at a time, so that a store does not grow for ever.
 * What "old" means is each implementation's to say (see {@link IdempotencyStore#expire}).
 * <p>
 * Thread-safe, and safe to call from several processes on one shared store at once: each entry is forgotten by
 * one call only, and no call fails because another is forgetting the same entries. Blocking; throws an unchecked
 * exception when the store is unreachable, having forgotten nothing or a whole batch.
 */
@FunctionalInterface
public interface Expirable {
    /**
     * Forgets at most {@code limit} entries that were old at {@code cutoff}.
     *
     * @return how many were forgotten; fewer than {@code limit} when no more were old (or when others were taking
     *         them at the same time)
     */
    int expire(Instant cutoff, int limit);
}
