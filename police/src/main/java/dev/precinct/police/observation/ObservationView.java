package dev.precinct.police.observation;

import dev.precinct.police.Location;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewField;
import dev.precinct.core.view.ViewOrder;
import dev.precinct.police.PoliceChecks;

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

    /**
     * The observation read model as Precinct stores and serves it: {@code /api/v1/observations}, by observation id,
     * filtered by officer, incident and time, newest observation first.
     */
    public static final StoredView<ObservationView> STORAGE = StoredView.of(MODEL)
            .path("/api/v1/observations", "observationId")
            .validId(FieldChecks::isUuid)
            .fields(ViewField.<ObservationView>equal("officer", ObservationView::badgeNumber)
                            .validating(PoliceChecks::isBadge, "must match ^[A-Z0-9-]{3,16}$"),
                    ViewField.<ObservationView>equal("incident", ObservationView::incidentId)
                            .validating(FieldChecks::isUuid, "must be a UUID"),
                    ViewField.since("since"))
            .order(ViewOrder.newestFirst(ObservationView::observedAt))
            .build();

    public ObservationView {
        Objects.requireNonNull(observationId, "observationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
