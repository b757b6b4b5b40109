package dev.precinct.adapters.jdbc;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.observation.ObservationFilter;
import dev.precinct.core.observation.ObservationView;
import dev.precinct.core.port.ObservationQueries;
import org.jdbi.v3.core.Jdbi;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ObservationQueries} over the {@code observations} table that {@link JdbiObservationTable} writes. Lists
 * show the newest observation first, ties by observation id descending (compared character by character whatever
 * the database's locale); a page's cursor holds the observation time and id of its last observation, in the same
 * format as core's in-memory lists, and the next page starts strictly after it. Each call reads one consistent
 * snapshot. Thread-safe; blocking; throws Jdbi's unchecked exceptions when the database fails.
 */
public final class JdbiObservationQueries implements ObservationQueries {
    private final Jdbi jdbi;

    public JdbiObservationQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<ObservationView> find(String observationId) {
        if (!Keysets.storable(observationId)) return Optional.empty();
        return jdbi.withHandle(handle -> handle
                .createQuery(JdbiObservationTable.SELECT + " WHERE observation_id = :observationId")
                .bind("observationId", observationId)
                .map(JdbiObservationTable.MAPPER)
                .findOne());
    }

    @Override
    public Page<ObservationView> list(ObservationFilter filter, PageRequest request) {
        var after = request.cursor() == null ? null : Keysets.NewestFirst.ofCursor(request.cursor());
        if (!Keysets.storable(filter.badgeNumber()) || !Keysets.storable(filter.incidentId())
                || (filter.since() != null && filter.since().isAfter(Keysets.LATEST)))
            return new Page<>(List.of(), null);
        var conditions = new ArrayList<String>();
        if (filter.badgeNumber() != null) conditions.add("badge_number = :badgeNumber");
        if (filter.incidentId() != null) conditions.add("incident_id = :incidentId");
        // stored times are whole microseconds: "at or after since" is "at or after since's next microsecond"
        var since = filter.since() == null || filter.since().isBefore(Keysets.EARLIEST) ? null
                : filter.since().plus(999, ChronoUnit.NANOS).truncatedTo(ChronoUnit.MICROS);
        if (since != null) conditions.add("observed_at >= :since");
        if (after != null) conditions.add("(observed_at, observation_id) < (:afterTime, :afterId)");
        var sql = JdbiObservationTable.SELECT + Keysets.where(conditions)
                + " ORDER BY observed_at DESC, observation_id DESC LIMIT :limit";
        var rows = jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("limit", request.limit() + 1);
            if (filter.badgeNumber() != null) query.bind("badgeNumber", filter.badgeNumber());
            if (filter.incidentId() != null) query.bind("incidentId", filter.incidentId());
            if (since != null) query.bind("since", Keysets.utc(since));
            if (after != null) query.bind("afterTime", after.boundTime()).bind("afterId", after.id());
            return query.map(JdbiObservationTable.MAPPER).list();
        });
        return Keysets.page(rows, request.limit(),
                observation -> Keysets.NewestFirst.cursorOf(observation.observedAt(), observation.observationId()));
    }
}
