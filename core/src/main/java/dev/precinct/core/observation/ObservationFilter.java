package dev.precinct.core.observation;

import java.time.Instant;

/**
 * Which observations a list shows; a null criterion matches every observation.
 *
 * @param since observed at or after this time
 */
public record ObservationFilter(String badgeNumber, String incidentId, Instant since) {
    public static final ObservationFilter ALL = new ObservationFilter(null, null, null);

    public boolean matches(ObservationView observation) {
        return (badgeNumber == null || badgeNumber.equals(observation.badgeNumber()))
                && (incidentId == null || incidentId.equals(observation.incidentId()))
                && (since == null || !observation.observedAt().isBefore(since));
    }
}
