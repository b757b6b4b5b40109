package dev.precinct.adapters.jdbc;

import dev.precinct.core.command.Location;
import dev.precinct.core.incident.IncidentCategory;
import dev.precinct.core.incident.IncidentStatus;
import dev.precinct.core.incident.IncidentView;
import dev.precinct.core.incident.Priority;
import dev.precinct.core.incident.Resolution;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.precinct.adapters.jdbc.Keysets.instant;
import static dev.precinct.adapters.jdbc.Keysets.utc;

/**
 * The incident read model in the {@code incidents} table, keyed by incident id, and what it implies for officers:
 * each officer's current incident in {@code officer_assignments}, written on the same handle (so in the same
 * transaction) as the incident rows. For each changed incident, in the order the rows are given: a closed
 * incident ends its officers' assignments to it (an officer since assigned elsewhere keeps that); any other
 * incident becomes the current incident of each officer it lists. The same rule as core's in-memory assignments.
 * Thread-safe.
 */
public final class JdbiIncidentTable implements ViewTable<IncidentView> {
    static final String SELECT = """
            SELECT incident_id, category, priority, status, lat, lon, address, description, assigned_badges,
                   reported_at, closed_at, resolution, version
            FROM incidents""";

    static final RowMapper<IncidentView> MAPPER = (rs, ctx) -> {
        var resolution = rs.getString("resolution");
        return new IncidentView(
                rs.getString("incident_id"),
                IncidentCategory.valueOf(rs.getString("category")),
                Priority.valueOf(rs.getString("priority")),
                IncidentStatus.valueOf(rs.getString("status")),
                new Location(rs.getDouble("lat"), rs.getDouble("lon"), rs.getString("address")),
                rs.getString("description"),
                List.of((String[]) rs.getArray("assigned_badges").getArray()),
                instant(rs, "reported_at"),
                instant(rs, "closed_at"),
                resolution == null ? null : Resolution.valueOf(resolution),
                rs.getLong("version"));
    };

    @Override
    public List<String> tables() {
        return List.of("incidents", "officer_assignments");
    }

    @Override
    public Map<String, IncidentView> load(Handle handle, Collection<String> incidentIds) {
        return handle.createQuery(SELECT + " WHERE incident_id = ANY(:incidentIds)")
                .bindArray("incidentIds", String.class, incidentIds)
                .map(MAPPER)
                .collect(Collectors.toMap(IncidentView::incidentId, incident -> incident));
    }

    @Override
    public void upsert(Handle handle, Map<String, IncidentView> incidents) {
        var upsert = handle.prepareBatch("""
                INSERT INTO incidents (incident_id, category, priority, status, lat, lon, address, description,
                                       assigned_badges, reported_at, closed_at, resolution, version)
                VALUES (:incidentId, :category, :priority, :status, :lat, :lon, :address, :description,
                        :assignedBadges, :reportedAt, :closedAt, :resolution, :version)
                ON CONFLICT (incident_id) DO UPDATE SET
                    category = excluded.category, priority = excluded.priority, status = excluded.status,
                    lat = excluded.lat, lon = excluded.lon, address = excluded.address,
                    description = excluded.description, assigned_badges = excluded.assigned_badges,
                    reported_at = excluded.reported_at, closed_at = excluded.closed_at,
                    resolution = excluded.resolution, version = excluded.version""");
        for (var incident : incidents.values()) {
            upsert.bind("incidentId", incident.incidentId())
                    .bind("category", incident.category().name())
                    .bind("priority", incident.priority().name())
                    .bind("status", incident.status().name())
                    .bind("lat", incident.location().lat())
                    .bind("lon", incident.location().lon())
                    .bind("address", incident.location().address())
                    .bind("description", incident.description())
                    .bindArray("assignedBadges", String.class, incident.assignedBadges())
                    .bind("reportedAt", utc(incident.reportedAt()))
                    .bind("closedAt", utc(incident.closedAt()))
                    .bind("resolution", incident.resolution() == null ? null : incident.resolution().name())
                    .bind("version", incident.version())
                    .add();
        }
        upsert.execute();
        new AssignmentChanges(incidents.values()).write(handle);
    }

    /**
     * The net effect on {@code officer_assignments} of applying the changed incidents one after the other, as one
     * statement per kind of change. Each incident appears once, so a badge that an open incident lists ends up
     * assigned to the last such incident, whatever closed incidents list it too; a badge that only closed incidents
     * list loses its assignment if that is to one of them.
     */
    private static final class AssignmentChanges {
        private final Map<String, String> assign = new HashMap<>();
        private final Map<String, Set<String>> endIfTo = new HashMap<>();

        AssignmentChanges(Collection<IncidentView> incidents) {
            for (var incident : incidents) {
                for (var badge : incident.assignedBadges()) {
                    if (incident.status() != IncidentStatus.CLOSED) assign.put(badge, incident.incidentId());
                    else endIfTo.computeIfAbsent(badge, b -> new HashSet<>()).add(incident.incidentId());
                }
            }
            endIfTo.keySet().removeAll(assign.keySet());
        }

        void write(Handle handle) {
            if (!assign.isEmpty()) {
                var badges = new ArrayList<String>();
                var incidents = new ArrayList<String>();
                assign.forEach((badge, incidentId) -> {
                    badges.add(badge);
                    incidents.add(incidentId);
                });
                handle.createUpdate("""
                                INSERT INTO officer_assignments (badge_number, incident_id)
                                SELECT * FROM unnest(CAST(:badges AS text[]), CAST(:incidents AS text[]))
                                ON CONFLICT (badge_number) DO UPDATE SET incident_id = excluded.incident_id""")
                        .bindArray("badges", String.class, badges)
                        .bindArray("incidents", String.class, incidents)
                        .execute();
            }
            if (!endIfTo.isEmpty()) {
                var badges = new ArrayList<String>();
                var incidents = new ArrayList<String>();
                endIfTo.forEach((badge, incidentIds) -> incidentIds.forEach(incidentId -> {
                    badges.add(badge);
                    incidents.add(incidentId);
                }));
                handle.createUpdate("""
                                DELETE FROM officer_assignments a
                                USING unnest(CAST(:badges AS text[]), CAST(:incidents AS text[]))
                                      AS ended(badge_number, incident_id)
                                WHERE a.badge_number = ended.badge_number AND a.incident_id = ended.incident_id""")
                        .bindArray("badges", String.class, badges)
                        .bindArray("incidents", String.class, incidents)
                        .execute();
            }
        }
    }
}
