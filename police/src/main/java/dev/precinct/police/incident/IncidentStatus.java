package dev.precinct.police.incident;

/** Where an incident is in its life: reported, with officers assigned, or closed. */
public enum IncidentStatus {
    OPEN, ASSIGNED, CLOSED
}
