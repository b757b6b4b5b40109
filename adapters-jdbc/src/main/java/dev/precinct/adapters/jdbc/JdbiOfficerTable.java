package dev.precinct.adapters.jdbc;

import dev.precinct.core.officer.DutyStatus;
import dev.precinct.core.officer.OfficerView;
import dev.precinct.core.officer.Rank;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.precinct.adapters.jdbc.Keysets.instant;
import static dev.precinct.adapters.jdbc.Keysets.utc;

/**
 * The officer read model in the {@code officers} table, keyed by badge number. An officer's current incident is
 * not part of it: the incident projection keeps it ({@link JdbiIncidentTable}), so rows load without one and a
 * row's own {@code currentIncidentId} is not stored; {@link JdbiOfficerQueries} joins it in. Thread-safe.
 */
public final class JdbiOfficerTable implements ViewTable<OfficerView> {
    /** Officers ({@code o}) with their current incident joined in. */
    static final String SELECT_WITH_INCIDENT = """
            SELECT o.badge_number, o.first_name, o.last_name, o.rank, o.unit, o.duty_status,
                   a.incident_id AS current_incident_id, o.registered_at, o.updated_at, o.version
            FROM officers o LEFT JOIN officer_assignments a ON a.badge_number = o.badge_number""";

    private static final String SELECT = """
            SELECT badge_number, first_name, last_name, rank, unit, duty_status, NULL AS current_incident_id,
                   registered_at, updated_at, version
            FROM officers""";

    static final RowMapper<OfficerView> MAPPER = (rs, ctx) -> new OfficerView(
            rs.getString("badge_number"),
            rs.getString("first_name"),
            rs.getString("last_name"),
            Rank.valueOf(rs.getString("rank")),
            rs.getString("unit"),
            DutyStatus.valueOf(rs.getString("duty_status")),
            rs.getString("current_incident_id"),
            instant(rs, "registered_at"),
            instant(rs, "updated_at"),
            rs.getLong("version"));

    @Override
    public List<String> tables() {
        return List.of("officers");
    }

    @Override
    public Map<String, OfficerView> load(Handle handle, Collection<String> badgeNumbers) {
        return handle.createQuery(SELECT + " WHERE badge_number = ANY(:badgeNumbers)")
                .bindArray("badgeNumbers", String.class, badgeNumbers)
                .map(MAPPER)
                .collect(Collectors.toMap(OfficerView::badgeNumber, officer -> officer));
    }

    @Override
    public void upsert(Handle handle, Map<String, OfficerView> officers) {
        var upsert = handle.prepareBatch("""
                INSERT INTO officers (badge_number, first_name, last_name, rank, unit, duty_status,
                                      registered_at, updated_at, version)
                VALUES (:badgeNumber, :firstName, :lastName, :rank, :unit, :dutyStatus,
                        :registeredAt, :updatedAt, :version)
                ON CONFLICT (badge_number) DO UPDATE SET
                    first_name = excluded.first_name, last_name = excluded.last_name, rank = excluded.rank,
                    unit = excluded.unit, duty_status = excluded.duty_status,
                    registered_at = excluded.registered_at, updated_at = excluded.updated_at,
                    version = excluded.version""");
        for (var officer : officers.values()) {
            upsert.bind("badgeNumber", officer.badgeNumber())
                    .bind("firstName", officer.firstName())
                    .bind("lastName", officer.lastName())
                    .bind("rank", officer.rank().name())
                    .bind("unit", officer.unit())
                    .bind("dutyStatus", officer.dutyStatus().name())
                    .bind("registeredAt", utc(officer.registeredAt()))
                    .bind("updatedAt", utc(officer.updatedAt()))
                    .bind("version", officer.version())
                    .add();
        }
        upsert.execute();
    }
}
