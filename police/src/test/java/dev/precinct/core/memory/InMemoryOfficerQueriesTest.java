package dev.precinct.core.memory;

import dev.precinct.core.contract.OfficerQueriesContract;
import dev.precinct.core.contract.PoliceStorage;

class InMemoryOfficerQueriesTest extends OfficerQueriesContract {
    @Override
    protected PoliceStorage newStorage() {
        return new InMemoryPoliceStorage();
    }
}
