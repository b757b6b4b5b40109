package dev.precinct.core.memory;

import dev.precinct.core.contract.OfficerQueriesContract;
import dev.precinct.police.incident.IncidentView;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.core.port.OfficerQueries;
import dev.precinct.core.port.ProjectionStore;

class InMemoryOfficerQueriesTest extends OfficerQueriesContract {
    private InMemoryCommandStatuses statuses;
    private InMemoryOfficerAssignments assignments;
    private InMemoryProjectionStore<OfficerView> officers;

    @Override
    protected ProjectionStore<OfficerView> newOfficerStore() {
        statuses = new InMemoryCommandStatuses();
        assignments = new InMemoryOfficerAssignments();
        officers = new InMemoryProjectionStore<>(statuses);
        return officers;
    }

    @Override
    protected ProjectionStore<IncidentView> incidentStore() {
        return new InMemoryProjectionStore<>(statuses, assignments);
    }

    @Override
    protected OfficerQueries officers() {
        return new InMemoryOfficerQueries(officers, assignments);
    }
}
