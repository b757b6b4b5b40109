package dev.precinct.core.memory;

import dev.precinct.core.contract.ObservationQueriesContract;
import dev.precinct.police.observation.ObservationView;
import dev.precinct.core.port.ObservationQueries;
import dev.precinct.core.port.ProjectionStore;

class InMemoryObservationQueriesTest extends ObservationQueriesContract {
    private InMemoryProjectionStore<ObservationView> store;

    @Override
    protected ProjectionStore<ObservationView> newStore() {
        store = new InMemoryProjectionStore<>(new InMemoryCommandStatuses());
        return store;
    }

    @Override
    protected ObservationQueries observations() {
        return new InMemoryObservationQueries(store);
    }
}
