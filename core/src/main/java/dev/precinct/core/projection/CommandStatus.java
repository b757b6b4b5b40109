package dev.precinct.core.projection;

/** The final outcome of an accepted command, decided by its projection in log order. */
public enum CommandStatus {
    APPLIED, REJECTED
}
