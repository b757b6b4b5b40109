package dev.precinct.police.incident;

import dev.precinct.police.Location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Incident read-model rows for tests. Times have whole microseconds, as a database keeps them. */
public final class IncidentFixtures {
    /** A report time for tests that need one. */
    public static final Instant REPORTED_AT = Instant.parse("2026-11-29T08:15:00.123456Z");

    private IncidentFixtures() {
    }

    /** An incident id no other test uses: a random UUID. */
    public static String aUniqueIncidentId() {
        return UUID.randomUUID().toString();
    }

    /** A newly reported, open burglary of {@code priority}, without officers, in version 1. */
    public static IncidentView anIncidentRow(String incidentId, Instant reportedAt, Priority priority) {
        return new IncidentView(incidentId, IncidentCategory.BURGLARY, priority, IncidentStatus.OPEN,
                new Location(51.5202, -0.1235, "Southampton Row, London"), "Shop window broken overnight", List.of(),
                reportedAt, null, null, 1);
    }

    /** A newly reported, open P2 burglary without officers, in version 1. */
    public static IncidentView anIncidentRow(String incidentId, Instant reportedAt) {
        return anIncidentRow(incidentId, reportedAt, Priority.P2);
    }

    /** {@code incident}'s row after {@code badges} were assigned to it, one event each, after those it has. */
    public static IncidentView withAssigned(IncidentView incident, String... badges) {
        var assigned = new ArrayList<>(incident.assignedBadges());
        assigned.addAll(List.of(badges));
        return new IncidentView(incident.incidentId(), incident.category(), incident.priority(),
                IncidentStatus.ASSIGNED, incident.location(), incident.description(), assigned,
                incident.reportedAt(), null, null, incident.version() + badges.length);
    }

    /** {@code incident}'s row after it was closed as resolved at {@code closedAt}. */
    public static IncidentView asClosed(IncidentView incident, Instant closedAt) {
        return new IncidentView(incident.incidentId(), incident.category(), incident.priority(),
                IncidentStatus.CLOSED, incident.location(), incident.description(), incident.assignedBadges(),
                incident.reportedAt(), closedAt, Resolution.RESOLVED, incident.version() + 1);
    }
}
