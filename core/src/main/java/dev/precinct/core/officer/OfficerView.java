package dev.precinct.core.officer;

import dev.precinct.core.view.ReadModel;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of the officer read model.
 *
 * @param currentIncidentId the incident the officer is assigned to until it closes; null when none. The incident
 *                          projection keeps it (the officer projection leaves it null): queries join it in.
 * @param version           the number of officer events applied to this officer
 */
public record OfficerView(String badgeNumber, String firstName, String lastName, Rank rank, String unit,
                          DutyStatus dutyStatus, String currentIncidentId, Instant registeredAt, Instant updatedAt,
                          long version) {
    /** The officer read model, keyed by badge number. */
    public static final ReadModel<OfficerView> MODEL = new ReadModel<>("officers", OfficerView.class);

    public OfficerView {
        Objects.requireNonNull(badgeNumber, "badgeNumber");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(rank, "rank");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(dutyStatus, "dutyStatus");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** This row with the officer's current incident joined in. */
    public OfficerView withCurrentIncident(String incidentId) {
        return new OfficerView(badgeNumber, firstName, lastName, rank, unit, dutyStatus, incidentId, registeredAt,
                updatedAt, version);
    }
}
