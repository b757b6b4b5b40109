package dev.precinct.core.port;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.IdempotencyClaim;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Remembers which command ids were accepted, shared by every business-logic instance.
 * <p>
 * A request first {@link #claim claims} its id; only the claimant publishes. It then ends its claim, presenting the
 * claim's token, in one of three ways: {@link #complete} with the acceptance once the event log has the event;
 * {@link #release} when it knows no event of the id is in the log (it published nothing, and any earlier attempt
 * was searched for); or {@link #unresolved} when an event of the id may be in the log without its knowing (a
 * publish with an unknown outcome, or a search that failed). A claim not ended within its lease (a crashed
 * claimant) may be taken over by a request for the same command; the taker is told to search the log first
 * ({@link IdempotencyClaim.Claimed#earlierAttemptSince()}), because the crashed claimant may have published.
 * A token that no longer holds the claim (its lease ran out and another request took the id over) changes nothing.
 * <p>
 * Ids are kept for a retention window, then {@link #expire expired}: after that the id is free for any command.
 * <p>
 * Thread-safe; blocking. Throws an unchecked exception when the store is unreachable; the claim is then as it was.
 */
public interface IdempotencyStore extends Expirable {
    /**
     * Claims {@code commandId} for the command with {@code fingerprint}, for at most {@code lease}. An unfinished
     * claim whose lease ran out is taken over only by the same command (same fingerprint); for another it is a
     * {@link IdempotencyClaim.Mismatch}, since the first may have been published.
     */
    IdempotencyClaim claim(CommandId commandId, String fingerprint, Duration lease);

    /**
     * Remembers the acceptance of a claimed id, until the id {@link #expire expires}.
     *
     * @return whether {@code token} still held the claim; when not, nothing changed
     */
    boolean complete(CommandId commandId, UUID token, Acceptance.Accepted acceptance);

    /** Forgets a claimed id whose command is in the log under no event: the id is free again, for any command. */
    void release(CommandId commandId, UUID token);

    /**
     * Gives up a claimed id whose event may be in the log, keeping it: for {@code hold} every claim of it is
     * {@link IdempotencyClaim.Unresolved}; after that the same command may claim it, told to search the log from
     * the earliest attempt this id has had.
     */
    void unresolved(CommandId commandId, UUID token, Duration hold);

    /**
     * Forgets at most {@code limit} ids whose last claim ended before {@code cutoff}: whose lease (or hold, when
     * unresolved) ran out before it, completed or not. An id whose claim is still held is never forgotten, whatever
     * its age, so its claimant can still complete it; an abandoned claim (its claimant died) is forgotten like a
     * completed one. A forgotten id is free again, for any command.
     */
    @Override
    int expire(Instant cutoff, int limit);
}
