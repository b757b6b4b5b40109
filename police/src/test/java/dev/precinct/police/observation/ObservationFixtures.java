package dev.precinct.police.observation;

import dev.precinct.police.Location;

import java.time.Instant;
import java.util.UUID;

/** Observation read-model rows for tests. Times have whole microseconds, as a database keeps them. */
public final class ObservationFixtures {
    /** An observation time for tests that need one. */
    public static final Instant OBSERVED_AT = Instant.parse("2026-11-29T09:30:00.654321Z");

    private ObservationFixtures() {
    }

    /** An observation id no other test uses: a random UUID. */
    public static String aUniqueObservationId() {
        return UUID.randomUUID().toString();
    }

    /**
     * A sighting at {@code observedAt}, recorded a second later, without plate or notes.
     *
     * @param badgeNumber null for none
     * @param incidentId  null for none
     */
    public static ObservationView anObservationRow(String observationId, Instant observedAt, String badgeNumber,
                                                   String incidentId) {
        return new ObservationView(observationId, ObservationKind.SIGHTING, observedAt,
                new Location(51.5155, -0.0922, null), badgeNumber, incidentId, null, null, observedAt.plusSeconds(1));
    }

    /** A sighting at {@code observedAt} that names no officer and no incident. */
    public static ObservationView anObservationRow(String observationId, Instant observedAt) {
        return anObservationRow(observationId, observedAt, null, null);
    }

    /** {@code observation}'s row with {@code notes}, as a redelivered, corrected record would write it. */
    public static ObservationView withNotes(ObservationView observation, String notes) {
        return new ObservationView(observation.observationId(), observation.kind(), observation.observedAt(),
                observation.location(), observation.badgeNumber(), observation.incidentId(), observation.plate(),
                notes, observation.recordedAt());
    }
}
