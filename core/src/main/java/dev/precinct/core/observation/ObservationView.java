package dev.precinct.core.observation;

import dev.precinct.core.command.Location;
import dev.precinct.core.view.ReadModel;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of the observation read model.
 *
 * @param badgeNumber null when no officer was named
 * @param incidentId  null when no incident was named
 * @param plate       null unless a plate was read
 * @param notes       null when none
 * @param recordedAt  when the event was created
 */
public record ObservationView(String observationId, ObservationKind kind, Instant observedAt, Location location,
                              String badgeNumber, String incidentId, String plate, String notes, Instant recordedAt) {
    /** The observation read model, keyed by observation id. */
    public static final ReadModel<ObservationView> MODEL = new ReadModel<>("observations", ObservationView.class);

    public ObservationView {
        Objects.requireNonNull(observationId, "observationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
