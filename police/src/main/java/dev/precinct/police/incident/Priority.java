package dev.precinct.police.incident;

/** How urgent an incident is, P1 the most. */
public enum Priority {
    P1, P2, P3, P4
}
