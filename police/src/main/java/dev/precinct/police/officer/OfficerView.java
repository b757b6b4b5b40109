package dev.precinct.police.officer;

import dev.precinct.core.view.ReadModel;
import dev.precinct.core.view.ReadModels;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewField;
import dev.precinct.police.PoliceChecks;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A row of the officer read model.
 *
 * @param currentIncidentId the incident the officer is assigned to until it closes; null when none. Not stored:
 *                          queries join it in from the incident read model (the officer projection leaves it null)
 * @param version           the number of officer events applied to this officer
 */
public record OfficerView(String badgeNumber, String firstName, String lastName, Rank rank, String unit,
                          DutyStatus dutyStatus, String currentIncidentId, Instant registeredAt, Instant updatedAt,
                          long version) {
    /** The officer read model, keyed by badge number. */
    public static final ReadModel<OfficerView> MODEL = new ReadModel<>("officers", OfficerView.class);

    /**
     * The officer read model as Precinct stores and serves it: {@code /api/v1/officers}, by badge number, filtered
     * by duty status and unit, in badge-number order; each officer read with the incident {@code currentIncident}
     * names for their badge joined in.
     */
    public static StoredView<OfficerView> storage(BiFunction<String, ReadModels, Optional<String>> currentIncident) {
        return StoredView.of(MODEL)
                .path("/api/v1/officers", "badgeNumber")
                .validId(PoliceChecks::isBadge)
                .fields(ViewField.oneOf("dutyStatus", DutyStatus.class, OfficerView::dutyStatus),
                        ViewField.equal("unit", OfficerView::unit))
                .readAs((officer, readModels) -> officer.withCurrentIncident(
                        currentIncident.apply(officer.badgeNumber(), readModels).orElse(null)))
                .build();
    }

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
