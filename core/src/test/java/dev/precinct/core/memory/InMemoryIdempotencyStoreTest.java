package dev.precinct.core.memory;

import dev.precinct.core.contract.IdempotencyStoreContract;
import dev.precinct.core.port.IdempotencyStore;

import java.time.Clock;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    @Override
    protected IdempotencyStore newStore(Clock clock) {
        return new InMemoryIdempotencyStore(clock);
    }
}
