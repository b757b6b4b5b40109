package dev.precinct.core.port;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandEnvelope;

/**
 * The business-logic side of a request/reply command: deduplicates, validates, publishes and answers.
 * Blocks until the event log acknowledged the event or the bounded wait ran out: call it on a thread that may
 * block (a virtual thread), never on an event loop. Never throws for a business refusal or a publish failure:
 * both are values of {@link Acceptance}.
 */
@FunctionalInterface
public interface CommandHandler {
    Acceptance handle(CommandEnvelope command);
}
