package dev.precinct.adapters.jdbc;

import dev.precinct.core.port.Expirable;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;

/**
 * Deletes the rows of the {@code command_status} table that were decided ({@code applied_at}) before a cutoff, one
 * batch at a time. The rows are locked with {@code SKIP LOCKED}, so several processes expiring at once never wait
 * for each other or delete a row twice. A deleted status is no longer found, and its command id no longer counts as
 * decided: a later event with the same command id is projected as a new command. Thread-safe; blocking; throws
 * Jdbi's unchecked exceptions when the database fails.
 */
public final class JdbiCommandStatusExpiry implements Expirable {
    private final Jdbi jdbi;

    public JdbiCommandStatusExpiry(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public int expire(Instant cutoff, int limit) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM command_status WHERE correlation_id IN (
                            SELECT correlation_id FROM command_status WHERE applied_at < :cutoff
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff)
                .bind("limit", limit)
                .execute());
    }
}
