package dev.precinct.core.memory;

import dev.precinct.core.contract.DeadLetterStoreContract;
import dev.precinct.core.port.DeadLetterStore;

class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore store() {
        return new InMemoryDeadLetterStore();
    }
}
