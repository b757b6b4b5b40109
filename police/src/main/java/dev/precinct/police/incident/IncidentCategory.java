package dev.precinct.police.incident;

/** What kind of incident was reported. */
public enum IncidentCategory {
    BURGLARY, ASSAULT, TRAFFIC, DISTURBANCE, MISSING_PERSON, OTHER
}
