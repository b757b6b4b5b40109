package dev.precinct.core.memory;

import dev.precinct.core.incident.IncidentStatus;
import dev.precinct.core.incident.IncidentView;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which incident each officer is assigned to, derived from the incident rows: an officer's latest open
 * assignment, until that incident closes. Follows the incident store's commits.
 */
public final class InMemoryOfficerAssignments implements Consumer<Map<String, IncidentView>> {
    private final ConcurrentHashMap<String, String> incidentByBadge = new ConcurrentHashMap<>();

    public Optional<String> currentIncident(String badgeNumber) {
        return Optional.ofNullable(incidentByBadge.get(badgeNumber));
    }

    @Override
    public void accept(Map<String, IncidentView> changedIncidents) {
        for (var incident : changedIncidents.values()) {
            for (var badge : incident.assignedBadges()) {
                if (incident.status() == IncidentStatus.CLOSED) incidentByBadge.remove(badge, incident.incidentId());
                else incidentByBadge.put(badge, incident.incidentId());
            }
        }
    }
}
