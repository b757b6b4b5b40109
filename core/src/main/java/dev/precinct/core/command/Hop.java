package dev.precinct.core.command;

import java.util.Locale;

/** A stretch of a command's way whose duration is measured: the ground for finding where a slow command spent time. */
public enum Hop {
    /** The edge, from the request's arrival to the answer (it contains every other hop of the command). */
    EDGE,
    /** The NATS request/reply round trip, as the edge sees it (it contains the business-logic hops). */
    NATS,
    /** Field rules and the command's rules against the read models. */
    VALIDATION,
    /** The idempotency store: the claim and its end (completion, release), summed. */
    IDEMPOTENCY,
    /** Waiting for the event log's acknowledgement. */
    KAFKA;

    /** The hop's name as a metric label: {@code edge}, {@code nats}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
