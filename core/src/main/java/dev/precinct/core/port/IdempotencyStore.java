package dev.precinct.core.port;

import dev.precinct.core.Acceptance;
import dev.precinct.core.CommandId;
import dev.precinct.core.IdempotencyClaim;

import java.time.Duration;

/**
 * Remembers which command ids were accepted, shared by every business-logic instance.
 * <p>
 * A request first {@link #claim claims} its id; only the claimant publishes, then {@link #complete completes}
 * the claim with the acceptance, or {@link #release releases} it when the publish failed, so nothing is
 * remembered. A claim not completed within its lease (a crashed claimant) may be claimed again.
 * Thread-safe; blocking. Throws an unchecked exception when the store is unreachable.
 */
public interface IdempotencyStore {
    /** Claims {@code commandId} for the command with {@code fingerprint}, for at most {@code lease}. */
    IdempotencyClaim claim(CommandId commandId, String fingerprint, Duration lease);

    /** Remembers the acceptance of a claimed id, for good. */
    void complete(CommandId commandId, Acceptance.Accepted acceptance);

    /** Forgets a claimed id that was not accepted. */
    void release(CommandId commandId);
}
