package dev.precinct.adapters.jdbc;

import dev.precinct.core.Acceptance;
import dev.precinct.core.CommandId;
import dev.precinct.core.CorrelationId;
import dev.precinct.core.EventPosition;
import dev.precinct.core.IdempotencyClaim;
import dev.precinct.core.port.IdempotencyStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An {@link IdempotencyStore} in the {@code idempotency_keys} table, shared by every process on the database.
 * A claim is decided by a single atomic statement, so concurrent claims of one id, from any number of threads
 * or processes, give exactly one {@link IdempotencyClaim.Claimed}. Leases are measured with the given clock,
 * which all processes' clocks should agree with. Thread-safe; blocking; throws Jdbi's unchecked exceptions
 * when the database fails.
 */
public final class JdbiIdempotencyStore implements IdempotencyStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiIdempotencyStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public IdempotencyClaim claim(CommandId commandId, String fingerprint, Duration lease) {
        return jdbi.withHandle(handle -> {
            // A row released between the two statements leaves nothing to report: then the id is free, try again.
            while (true) {
                var now = clock.instant();
                if (tryClaim(handle, commandId, fingerprint, now, now.plus(lease)))
                    return new IdempotencyClaim.Claimed();
                var existing = existing(handle, commandId, fingerprint);
                if (existing.isPresent()) return existing.get();
            }
        });
    }

    /** Inserts the claim, or takes over a row whose claimant neither completed nor renewed in time. */
    private static boolean tryClaim(Handle handle, CommandId commandId, String fingerprint, Instant now,
                                    Instant leaseEnds) {
        return handle.createQuery("""
                        INSERT INTO idempotency_keys (command_id, fingerprint, lease_ends)
                        VALUES (:commandId, :fingerprint, :leaseEnds)
                        ON CONFLICT (command_id) DO UPDATE
                            SET fingerprint = excluded.fingerprint, lease_ends = excluded.lease_ends
                            WHERE idempotency_keys.correlation_id IS NULL AND idempotency_keys.lease_ends < :now
                        RETURNING command_id""")
                .bind("commandId", commandId.value())
                .bind("fingerprint", fingerprint)
                .bind("leaseEnds", leaseEnds)
                .bind("now", now)
                .mapTo(String.class)
                .findOne()
                .isPresent();
    }

    private static Optional<IdempotencyClaim> existing(Handle handle, CommandId commandId, String fingerprint) {
        return handle.createQuery("""
                        SELECT fingerprint, correlation_id, command_type, resource,
                               event_topic, event_partition, event_offset
                        FROM idempotency_keys WHERE command_id = :commandId""")
                .bind("commandId", commandId.value())
                .map((rs, ctx) -> claimOf(rs, commandId, fingerprint))
                .findOne();
    }

    private static IdempotencyClaim claimOf(ResultSet rs, CommandId commandId, String fingerprint)
            throws SQLException {
        if (!rs.getString("fingerprint").equals(fingerprint)) return new IdempotencyClaim.Mismatch();
        var correlationId = rs.getObject("correlation_id", UUID.class);
        if (correlationId == null) return new IdempotencyClaim.InProgress();
        return new IdempotencyClaim.Completed(new Acceptance.Accepted(commandId, new CorrelationId(correlationId),
                rs.getString("command_type"), rs.getString("resource"),
                new EventPosition(rs.getString("event_topic"), rs.getInt("event_partition"),
                        rs.getLong("event_offset"))));
    }

    @Override
    public void complete(CommandId commandId, Acceptance.Accepted acceptance) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys
                        SET correlation_id = :correlationId, command_type = :commandType, resource = :resource,
                            event_topic = :eventTopic, event_partition = :eventPartition,
                            event_offset = :eventOffset, accepted_at = :acceptedAt
                        WHERE command_id = :commandId""")
                .bind("commandId", commandId.value())
                .bind("correlationId", acceptance.correlationId().value())
                .bind("commandType", acceptance.commandType())
                .bind("resource", acceptance.resource())
                .bind("eventTopic", acceptance.event().topic())
                .bind("eventPartition", acceptance.event().partition())
                .bind("eventOffset", acceptance.event().offset())
                .bind("acceptedAt", clock.instant())
                .execute());
    }

    @Override
    public void release(CommandId commandId) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "DELETE FROM idempotency_keys WHERE command_id = :commandId AND correlation_id IS NULL")
                .bind("commandId", commandId.value())
                .execute());
    }
}
