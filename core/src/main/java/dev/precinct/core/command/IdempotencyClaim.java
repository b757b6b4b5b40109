package dev.precinct.core.command;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What the idempotency store says when a command id is claimed. */
public sealed interface IdempotencyClaim {
    /**
     * The id is now reserved for this request, until the lease ends: publish, then complete, release or leave it
     * unresolved, presenting {@code token} (a claimant whose lease ran out and was taken over cannot change the new
     * owner's claim).
     *
     * @param earlierAttemptSince present when an earlier claimant of this id may have published its event (it
     *                            crashed, or its publish had an unknown outcome): the event log must be searched,
     *                            from this time on, for an event of this id before anything is published again
     */
    record Claimed(UUID token, Optional<Instant> earlierAttemptSince) implements IdempotencyClaim {
        public Claimed {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(earlierAttemptSince, "earlierAttemptSince");
        }

        /** A claim of an id no earlier attempt may have published. */
        public static Claimed fresh(UUID token) {
            return new Claimed(token, Optional.empty());
        }
    }

    /** Another request holds the id and has not finished. */
    record InProgress() implements IdempotencyClaim {
    }

    /**
     * An earlier attempt's publish had an unknown outcome (its event may or may not be in the log); the id becomes
     * claimable again, with the log to be searched, once a short hold has passed.
     */
    record Unresolved() implements IdempotencyClaim {
    }

    /** The id was accepted before with the same command: answer with the original acceptance. */
    record Completed(Acceptance.Accepted acceptance) implements IdempotencyClaim {
        public Completed {
            Objects.requireNonNull(acceptance, "acceptance");
        }
    }

    /** The id was used before for a different command. */
    record Mismatch() implements IdempotencyClaim {
    }
}
