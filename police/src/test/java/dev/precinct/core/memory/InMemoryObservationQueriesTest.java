package dev.precinct.core.memory;

import dev.precinct.core.contract.ObservationQueriesContract;
import dev.precinct.core.contract.PoliceStorage;

class InMemoryObservationQueriesTest extends ObservationQueriesContract {
    @Override
    protected PoliceStorage newStorage() {
        return new InMemoryPoliceStorage();
    }
}
