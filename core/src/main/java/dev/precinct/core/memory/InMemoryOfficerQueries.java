package dev.precinct.core.memory;

import dev.precinct.core.paging.Cursor;
import dev.precinct.core.paging.Page;
import dev.precinct.core.paging.PageRequest;
import dev.precinct.core.officer.OfficerFilter;
import dev.precinct.core.officer.OfficerView;
import dev.precinct.core.port.OfficerQueries;

import java.util.Comparator;
import java.util.Optional;

/** {@link OfficerQueries} over the in-memory officer rows and assignments. */
public final class InMemoryOfficerQueries implements OfficerQueries {
    private final InMemoryProjectionStore<OfficerView> officers;
    private final InMemoryOfficerAssignments assignments;

    public InMemoryOfficerQueries(InMemoryProjectionStore<OfficerView> officers, InMemoryOfficerAssignments assignments) {
        this.officers = officers;
        this.assignments = assignments;
    }

    @Override
    public Optional<OfficerView> find(String badgeNumber) {
        return officers.find(badgeNumber).map(this::withIncident);
    }

    @Override
    public Page<OfficerView> list(OfficerFilter filter, PageRequest request) {
        var after = request.cursor() == null ? null : Cursor.decode(request.cursor(), 1).getFirst();
        var page = KeysetPages.page(officers.rows(), filter::matches, Comparator.comparing(OfficerView::badgeNumber),
                officer -> after == null || officer.badgeNumber().compareTo(after) > 0, request,
                officer -> Cursor.encode(officer.badgeNumber()));
        return new Page<>(page.items().stream().map(this::withIncident).toList(), page.nextCursor());
    }

    private OfficerView withIncident(OfficerView officer) {
        return officer.withCurrentIncident(assignments.currentIncident(officer.badgeNumber()).orElse(null));
    }
}
