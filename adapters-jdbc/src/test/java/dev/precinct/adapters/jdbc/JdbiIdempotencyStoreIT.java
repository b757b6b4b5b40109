package dev.precinct.adapters.jdbc;

import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.IdempotencyClaim;
import dev.precinct.core.contract.Expiries;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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

    @Test
    void expirersOnSeparatePoolsDeleteEveryOldKeyOnceAndLeaveHeldClaims() throws Exception {
        var writer = new JdbiIdempotencyStore(open().jdbi(), clock);
        for (int i = 0; i < 150; i++) {
            var id = CommandId.random();
            var claim = (IdempotencyClaim.Claimed) writer.claim(id, "sha256:old", Duration.ofSeconds(30));
            writer.complete(id, claim.token(), anAcceptance(id));
        }
        var held = CommandId.random();
        writer.claim(held, "sha256:held", Duration.ofDays(3));
        var expirers = List.of(new JdbiIdempotencyStore(open().jdbi(), clock),
                new JdbiIdempotencyStore(open().jdbi(), clock));
        var turn = new AtomicInteger();
        var cutoff = clock.instant().plus(Duration.ofDays(1));

        var deleted = Expiries.race(8, () -> expirers.get(turn.getAndIncrement() % 2).expire(cutoff, 10));

        assertEquals(150, deleted);
        assertInstanceOf(IdempotencyClaim.InProgress.class, writer.claim(held, "sha256:held", Duration.ofSeconds(30)));
    }

    /** A pool of its own on the test's database, as another process would have. */
    private PostgresDatabase open() {
        var database = new PostgresDatabase(jdbcUrl, TestServices.jdbcUser(), TestServices.jdbcPassword());
        databases.add(database);
        return database;
    }
}
