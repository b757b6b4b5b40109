package dev.precinct.core.memory;

import dev.precinct.core.contract.IncidentQueriesContract;
import dev.precinct.police.incident.IncidentView;
import dev.precinct.core.port.IncidentQueries;
import dev.precinct.core.port.ProjectionStore;

class InMemoryIncidentQueriesTest extends IncidentQueriesContract {
    private InMemoryProjectionStore<IncidentView> store;

    @Override
    protected ProjectionStore<IncidentView> newStore() {
        store = new InMemoryProjectionStore<>(new InMemoryCommandStatuses(), new InMemoryOfficerAssignments());
        return store;
    }

    @Override
    protected IncidentQueries incidents() {
        return new InMemoryIncidentQueries(store);
    }
}
