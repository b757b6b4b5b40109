package dev.precinct.core.service;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.event.DeadLetter;
import dev.precinct.core.event.EventEnvelope;
import dev.precinct.core.port.DeadLetterStore;

import java.time.Clock;

/** What both write paths do when the event log does not take an event: dead-letter it and say "failed". */
final class PublishFailures {
    private static final System.Logger LOG = System.getLogger(PublishFailures.class.getName());

    private PublishFailures() {
    }

    /** Keeps {@code event} with {@code error} in the dead-letter store (best effort) and answers FAILED. Blocks. */
    static Acceptance.Failed deadLetter(EventEnvelope event, Throwable error, DeadLetterStore deadLetters, Clock clock) {
        var reason = "the event log did not take the event: " + error;
        LOG.log(System.Logger.Level.WARNING, "publish of {0} {1} failed: {2}", event.eventType(), event.commandId(), error);
        try {
            deadLetters.put(new DeadLetter(event, reason, clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "dead-lettering " + event.commandId() + " failed too", e);
        }
        return new Acceptance.Failed(event.commandId(), event.correlationId(), Acceptance.Code.PUBLISH_FAILED,
                "the event log did not confirm the command; retry with the same Idempotency-Key, which is never "
                        + "published twice", true);
    }
}
