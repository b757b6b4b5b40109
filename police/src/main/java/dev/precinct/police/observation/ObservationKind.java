package dev.precinct.police.observation;

/** What was observed. */
public enum ObservationKind {
    SIGHTING, PLATE_READ, LOCATION_PING
}
