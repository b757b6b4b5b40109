package dev.precinct.core.memory;

import dev.precinct.core.contract.ProjectionStoreContract;
import dev.precinct.police.officer.OfficerView;
import dev.precinct.core.port.CommandStatusQueries;
import dev.precinct.core.view.ViewQueries;
import dev.precinct.core.port.Expirable;
import dev.precinct.core.port.ProjectionStore;

class InMemoryProjectionStoreTest extends ProjectionStoreContract {
    private InMemoryCommandStatuses statuses;
    private InMemoryProjectionStore<OfficerView> store;

    @Override
    protected ProjectionStore<OfficerView> newStore() {
        statuses = new InMemoryCommandStatuses();
        store = new InMemoryProjectionStore<>(statuses);
        return store;
    }

    @Override
    protected ViewQueries<OfficerView> officers() {
        return new InMemoryViewQueries<>(store, null);
    }

    @Override
    protected CommandStatusQueries statuses() {
        return statuses;
    }

    @Override
    protected Expirable statusExpiry() {
        return statuses;
    }
}
