package dev.precinct.police.incident;

/** How an incident was closed. */
public enum Resolution {
    RESOLVED, NO_ACTION, REFERRED
}
