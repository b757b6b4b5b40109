package dev.precinct.adapters.jdbc;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.IdempotencyClaim;
import dev.precinct.core.contract.IdempotencyStoreContract;
import dev.precinct.core.port.IdempotencyStore;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JdbiIdempotencyStoreIT extends IdempotencyStoreContract {
    private final List<PostgresDatabase> databases = new ArrayList<>();
    private String jdbcUrl;

    @Override
    protected IdempotencyStore newStore(Clock clock) {
        jdbcUrl = TestServices.freshDatabase();
        return new JdbiIdempotencyStore(open().jdbi(), clock);
    }

    @AfterEach
    void closeDatabases() {
        databases.forEach(PostgresDatabase::close);
    }

    @Test
    void storesOnSeparatePoolsRacingForOneIdYieldExactlyOneClaimed() throws Exception {
        var stores = List.of(new JdbiIdempotencyStore(open().jdbi(), clock),
                new JdbiIdempotencyStore(open().jdbi(), clock));
        var id = CommandId.random();
        var turn = new AtomicInteger();

        var claims = race(16, () -> stores.get(turn.getAndIncrement() % 2)
                .claim(id, "sha256:report-incident", Duration.ofSeconds(30)));

        assertEquals(1, count(claims, IdempotencyClaim.Claimed.class), claims::toString);
        assertEquals(15, count(claims, IdempotencyClaim.InProgress.class), claims::toString);
    }

    /** A pool of its own on the test's database, as another process would have. */
    private PostgresDatabase open() {
        var database = new PostgresDatabase(jdbcUrl, TestServices.jdbcUser(), TestServices.jdbcPassword());
        databases.add(database);
        return database;
    }
}
