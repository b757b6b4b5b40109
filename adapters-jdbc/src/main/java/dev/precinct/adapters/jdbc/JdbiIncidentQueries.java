package dev.precinct.adapters.jdbc;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.incident.IncidentFilter;
import dev.precinct.core.incident.IncidentView;
import dev.precinct.core.port.IncidentQueries;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.Optional;

/**
 * {@link IncidentQueries} over the {@code incidents} table that {@link JdbiIncidentTable} writes. Lists show the
 * newest report first, ties by incident id descending (compared character by character whatever the database's
 * locale); a page's cursor holds the report time and id of its last incident, in the same format as core's
 * in-memory lists, and the next page starts strictly after it. Each call reads one consistent snapshot.
 * Thread-safe; blocking; throws Jdbi's unchecked exceptions when the database fails.
 */
public final class JdbiIncidentQueries implements IncidentQueries {
    private final Jdbi jdbi;

    public JdbiIncidentQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<IncidentView> find(String incidentId) {
        if (!Keysets.storable(incidentId)) return Optional.empty();
        return jdbi.withHandle(handle -> handle
                .createQuery(JdbiIncidentTable.SELECT + " WHERE incident_id = :incidentId")
                .bind("incidentId", incidentId)
                .map(JdbiIncidentTable.MAPPER)
                .findOne());
    }

    @Override
    public Page<IncidentView> list(IncidentFilter filter, PageRequest request) {
        var after = request.cursor() == null ? null : Keysets.NewestFirst.ofCursor(request.cursor());
        var conditions = new ArrayList<String>();
        if (filter.status() != null) conditions.add("status = :status");
        if (filter.priority() != null) conditions.add("priority = :priority");
        if (after != null) conditions.add("(reported_at, incident_id) < (:afterTime, :afterId)");
        var sql = JdbiIncidentTable.SELECT + Keysets.where(conditions)
                + " ORDER BY reported_at DESC, incident_id DESC LIMIT :limit";
        var rows = jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("limit", request.limit() + 1);
            if (filter.status() != null) query.bind("status", filter.status().name());
            if (filter.priority() != null) query.bind("priority", filter.priority().name());
            if (after != null) query.bind("afterTime", after.boundTime()).bind("afterId", after.id());
            return query.map(JdbiIncidentTable.MAPPER).list();
        });
        return Keysets.page(rows, request.limit(),
                incident -> Keysets.NewestFirst.cursorOf(incident.reportedAt(), incident.incidentId()));
    }
}
