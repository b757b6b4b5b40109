package dev.precinct.adapters.jdbc;

import dev.precinct.core.command.Location;
import dev.precinct.core.observation.ObservationKind;
import dev.precinct.core.observation.ObservationView;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.precinct.adapters.jdbc.Keysets.instant;
import static dev.precinct.adapters.jdbc.Keysets.utc;

/**
 * The observation read model in the {@code observations} table, keyed by observation id. An observation's
 * location has no address: rows load with none. Thread-safe.
 */
public final class JdbiObservationTable implements ViewTable<ObservationView> {
    static final String SELECT = """
            SELECT observation_id, kind, observed_at, lat, lon, badge_number, incident_id, plate, notes, recorded_at
            FROM observations""";

    static final RowMapper<ObservationView> MAPPER = (rs, ctx) -> new ObservationView(
            rs.getString("observation_id"),
            ObservationKind.valueOf(rs.getString("kind")),
            instant(rs, "observed_at"),
            new Location(rs.getDouble("lat"), rs.getDouble("lon"), null),
            rs.getString("badge_number"),
            rs.getString("incident_id"),
            rs.getString("plate"),
            rs.getString("notes"),
            instant(rs, "recorded_at"));

    @Override
    public List<String> tables() {
        return List.of("observations");
    }

    @Override
    public Map<String, ObservationView> load(Handle handle, Collection<String> observationIds) {
        return handle.createQuery(SELECT + " WHERE observation_id = ANY(:observationIds)")
                .bindArray("observationIds", String.class, observationIds)
                .map(MAPPER)
                .collect(Collectors.toMap(ObservationView::observationId, observation -> observation));
    }

    @Override
    public void upsert(Handle handle, Map<String, ObservationView> observations) {
        var upsert = handle.prepareBatch("""
                INSERT INTO observations (observation_id, kind, observed_at, lat, lon, badge_number, incident_id,
                                          plate, notes, recorded_at)
                VALUES (:observationId, :kind, :observedAt, :lat, :lon, :badgeNumber, :incidentId,
                        :plate, :notes, :recordedAt)
                ON CONFLICT (observation_id) DO UPDATE SET
                    kind = excluded.kind, observed_at = excluded.observed_at, lat = excluded.lat,
                    lon = excluded.lon, badge_number = excluded.badge_number, incident_id = excluded.incident_id,
                    plate = excluded.plate, notes = excluded.notes, recorded_at = excluded.recorded_at""");
        for (var observation : observations.values()) {
            upsert.bind("observationId", observation.observationId())
                    .bind("kind", observation.kind().name())
                    .bind("observedAt", utc(observation.observedAt()))
                    .bind("lat", observation.location().lat())
                    .bind("lon", observation.location().lon())
                    .bind("badgeNumber", observation.badgeNumber())
                    .bind("incidentId", observation.incidentId())
                    .bind("plate", observation.plate())
                    .bind("notes", observation.notes())
                    .bind("recordedAt", utc(observation.recordedAt()))
                    .add();
        }
        upsert.execute();
    }
}
