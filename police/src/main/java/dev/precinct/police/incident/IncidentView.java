package dev.precinct.police.incident;

import dev.precinct.police.Location;
import dev.precinct.core.command.FieldChecks;
import dev.precinct.core.view.ReadModel;
import dev.precinct.core.view.StoredView;
import dev.precinct.core.view.ViewField;
import dev.precinct.core.view.ViewOrder;
import dev.precinct.police.PoliceChecks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A row of the incident read model.
 *
 * @param assignedBadges the officers assigned, in the order they were assigned
 * @param closedAt       null until closed
 * @param resolution     null until closed
 * @param version        the number of events applied to this incident
 */
public record IncidentView(String incidentId, IncidentCategory category, Priority priority, IncidentStatus status,
                           Location location, String description, List<String> assignedBadges, Instant reportedAt,
                           Instant closedAt, Resolution resolution, long version) {
    /** The incident read model, keyed by incident id. */
    public static final ReadModel<IncidentView> MODEL = new ReadModel<>("incidents", IncidentView.class);

    /**
     * The incident read model as Precinct stores and serves it: {@code /api/v1/incidents}, by incident id, filtered
     * by status, priority and assigned officer, newest report first.
     */
    public static final StoredView<IncidentView> STORAGE = StoredView.of(MODEL)
            .path("/api/v1/incidents", "incidentId")
            .validId(FieldChecks::isUuid)
            .fields(ViewField.oneOf("status", IncidentStatus.class, IncidentView::status),
                    ViewField.oneOf("priority", Priority.class, IncidentView::priority),
                    ViewField.<IncidentView>contains("officer", IncidentView::assignedBadges)
                            .validating(PoliceChecks::isBadge, "must match ^[A-Z0-9-]{3,16}$"))
            .order(ViewOrder.newestFirst(IncidentView::reportedAt))
            .build();

    /** The most officers one incident may have. */
    public static final int MAX_OFFICERS = 10;

    public IncidentView {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(description, "description");
        assignedBadges = List.copyOf(assignedBadges);
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
