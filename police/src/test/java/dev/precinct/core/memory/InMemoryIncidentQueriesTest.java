package dev.precinct.core.memory;

import dev.precinct.core.contract.IncidentQueriesContract;
import dev.precinct.core.contract.PoliceStorage;

class InMemoryIncidentQueriesTest extends IncidentQueriesContract {
    @Override
    protected PoliceStorage newStorage() {
        return new InMemoryPoliceStorage();
    }
}
