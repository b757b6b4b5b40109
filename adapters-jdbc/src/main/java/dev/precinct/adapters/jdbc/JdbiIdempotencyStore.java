package dev.precinct.adapters.jdbc;

import dev.precinct.core.command.Acceptance;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.command.CorrelationId;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.command.IdempotencyClaim;
import dev.precinct.core.port.IdempotencyStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An {@link IdempotencyStore} in the {@code idempotency_keys} table, shared by every process on the database.
 * A claim is decided by a single atomic statement, so concurrent claims of one id, from any number of threads
 * or processes, give exactly one {@link IdempotencyClaim.Claimed}; completing or ending a claim is a single
 * statement conditional on the claim's token. Leases are measured with the given clock, which all processes'
 * clocks should agree with. Old keys are deleted in batches ({@link #expire}). Thread-safe; blocking; throws Jdbi's unchecked exceptions when the database fails.
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
                var token = UUID.randomUUID();
                var claimed = tryClaim(handle, commandId, fingerprint, token, now, now.plus(lease));
                if (claimed.isPresent()) return claimed.get();
                var existing = existing(handle, commandId, fingerprint);
                if (existing.isPresent()) return existing.get();
            }
        });
    }

    /**
     * Inserts the claim, or takes over a row of the same command whose claimant neither completed nor ended it in
     * time (or that waited unresolved): that claimant may have published, so the taker is told to search from the
     * earliest such attempt.
     */
    private static Optional<IdempotencyClaim> tryClaim(Handle handle, CommandId commandId, String fingerprint,
                                                       UUID token, Instant now, Instant leaseEnds) {
        return handle.createQuery("""
                        INSERT INTO idempotency_keys (command_id, fingerprint, claim_token, claimed_at, lease_ends)
                        VALUES (:commandId, :fingerprint, :token, :now, :leaseEnds)
                        ON CONFLICT (command_id) DO UPDATE
                            SET claim_token = excluded.claim_token, claimed_at = excluded.claimed_at,
                                lease_ends = excluded.lease_ends,
                                unresolved_since = COALESCE(idempotency_keys.unresolved_since,
                                                            idempotency_keys.claimed_at)
                            WHERE idempotency_keys.correlation_id IS NULL AND idempotency_keys.lease_ends < :now
                              AND idempotency_keys.fingerprint = excluded.fingerprint
                        RETURNING unresolved_since""")
                .bind("commandId", commandId.value())
                .bind("fingerprint", fingerprint)
                .bind("token", token)
                .bind("now", now)
                .bind("leaseEnds", leaseEnds)
                .map((rs, ctx) -> (IdempotencyClaim) new IdempotencyClaim.Claimed(token,
                        Optional.ofNullable(rs.getTimestamp("unresolved_since")).map(Timestamp::toInstant)))
                .findOne();
    }

    private static Optional<IdempotencyClaim> existing(Handle handle, CommandId commandId, String fingerprint) {
        return handle.createQuery("""
                        SELECT fingerprint, claim_token, correlation_id, command_type, resource,
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
        if (correlationId == null)
            return rs.getObject("claim_token", UUID.class) == null
                    ? new IdempotencyClaim.Unresolved() : new IdempotencyClaim.InProgress();
        return new IdempotencyClaim.Completed(new Acceptance.Accepted(commandId, new CorrelationId(correlationId),
                rs.getString("command_type"), rs.getString("resource"),
                new EventPosition(rs.getString("event_topic"), rs.getInt("event_partition"),
                        rs.getLong("event_offset"))));
    }

    @Override
    public boolean complete(CommandId commandId, UUID token, Acceptance.Accepted acceptance) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys
                        SET correlation_id = :correlationId, command_type = :commandType, resource = :resource,
                            event_topic = :eventTopic, event_partition = :eventPartition,
                            event_offset = :eventOffset, accepted_at = :acceptedAt
                        WHERE command_id = :commandId AND claim_token = :token AND correlation_id IS NULL""")
                .bind("commandId", commandId.value())
                .bind("token", token)
                .bind("correlationId", acceptance.correlationId().value())
                .bind("commandType", acceptance.commandType())
                .bind("resource", acceptance.resource())
                .bind("eventTopic", acceptance.event().topic())
                .bind("eventPartition", acceptance.event().partition())
                .bind("eventOffset", acceptance.event().offset())
                .bind("acceptedAt", clock.instant())
                .execute()) == 1;
    }

    @Override
    public void release(CommandId commandId, UUID token) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        DELETE FROM idempotency_keys
                        WHERE command_id = :commandId AND claim_token = :token AND correlation_id IS NULL""")
                .bind("commandId", commandId.value())
                .bind("token", token)
                .execute());
    }

    @Override
    public void unresolved(CommandId commandId, UUID token, Duration hold) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys
                        SET unresolved_since = COALESCE(unresolved_since, claimed_at), lease_ends = :holdEnds,
                            claim_token = NULL
                        WHERE command_id = :commandId AND claim_token = :token AND correlation_id IS NULL""")
                .bind("commandId", commandId.value())
                .bind("token", token)
                .bind("holdEnds", clock.instant().plus(hold))
                .execute());
    }

    /**
     * Deletes one batch of keys whose lease ended before {@code cutoff}. The rows are locked with {@code SKIP LOCKED}:
     * two expirers never wait for each other or delete one row twice, and a row a claim is changing right now is
     * left for the next round.
     */
    @Override
    public int expire(Instant cutoff, int limit) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM idempotency_keys WHERE command_id IN (
                            SELECT command_id FROM idempotency_keys WHERE lease_ends < :cutoff
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff)
                .bind("limit", limit)
                .execute());
    }
}
