package dev.precinct.core.command;

/** How a command reaches the event log. */
public enum WritePath {
    /** Edge asks the business-logic service over NATS, which publishes and then replies "accepted". */
    REQUEST_REPLY,
    /** Edge publishes straight to the event log; duplicates are dropped by the projections. */
    FIRE_AND_FORGET
}
