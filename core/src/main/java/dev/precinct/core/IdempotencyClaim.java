package dev.precinct.core;

import java.util.Objects;

/** What the idempotency store says when a command id is claimed. */
public sealed interface IdempotencyClaim {
    /** The id is now reserved for this request: publish, then complete or release it. */
    record Claimed() implements IdempotencyClaim {
    }

    /** Another request holds the id and has not finished. */
    record InProgress() implements IdempotencyClaim {
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
