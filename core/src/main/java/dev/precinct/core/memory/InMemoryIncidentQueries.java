package dev.precinct.core.memory;

import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.incident.IncidentFilter;
import dev.precinct.core.incident.IncidentView;
import dev.precinct.core.port.IncidentQueries;

import java.util.Comparator;
import java.util.Optional;

/** {@link IncidentQueries} over the in-memory incident rows. */
public final class InMemoryIncidentQueries implements IncidentQueries {
    private final InMemoryProjectionStore<IncidentView> incidents;

    public InMemoryIncidentQueries(InMemoryProjectionStore<IncidentView> incidents) {
        this.incidents = incidents;
    }

    @Override
    public Optional<IncidentView> find(String incidentId) {
        return incidents.find(incidentId);
    }

    @Override
    public Page<IncidentView> list(IncidentFilter filter, PageRequest request) {
        var cursor = request.cursor() == null ? null : NewestFirst.ofCursor(request.cursor());
        return KeysetPages.page(incidents.rows(), filter::matches,
                Comparator.comparing(InMemoryIncidentQueries::key, NewestFirst.ORDER),
                incident -> cursor == null || key(incident).after(cursor), request, incident -> key(incident).cursor());
    }

    private static NewestFirst key(IncidentView incident) {
        return new NewestFirst(incident.reportedAt(), incident.incidentId());
    }
}
