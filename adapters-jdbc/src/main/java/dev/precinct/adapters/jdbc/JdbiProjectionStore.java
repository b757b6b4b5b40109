package dev.precinct.adapters.jdbc;

import dev.precinct.core.CommandId;
import dev.precinct.core.CommandStatusView;
import dev.precinct.core.ProjectionBatch;
import dev.precinct.core.TopicPartition;
import dev.precinct.core.port.ProjectionStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link ProjectionStore} in PostgreSQL: the read model's rows in its {@link ViewTable}, the outcomes in the
 * shared {@code command_status} table and the checkpoints in {@code projection_checkpoints} under the projection's
 * name. A commit is one transaction of three batched statements, whatever the batch's size. An outcome already
 * recorded for a command is kept, never overwritten. Times are stored to the microsecond. Thread-safe, though the
 * port wants one writer per projection; blocking; throws Jdbi's unchecked exceptions when the database fails.
 *
 * @param <V> the read model's row
 */
public final class JdbiProjectionStore<V> implements ProjectionStore<V> {
    private final Jdbi jdbi;
    private final String projectionName;
    private final ViewTable<V> table;

    public JdbiProjectionStore(Jdbi jdbi, String projectionName, ViewTable<V> table) {
        this.jdbi = jdbi;
        this.projectionName = projectionName;
        this.table = table;
    }

    @Override
    public Map<TopicPartition, Long> nextOffsets() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT topic, partition, next_offset FROM projection_checkpoints
                        WHERE projection = :projection""")
                .bind("projection", projectionName)
                .map((rs, ctx) -> Map.entry(new TopicPartition(rs.getString("topic"), rs.getInt("partition")),
                        rs.getLong("next_offset")))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Override
    public Map<String, V> load(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) return Map.of();
        return jdbi.withHandle(handle -> table.load(handle, aggregateIds));
    }

    @Override
    public Set<CommandId> decided(Collection<CommandId> commandIds) {
        if (commandIds.isEmpty()) return Set.of();
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT command_id FROM command_status WHERE command_id = ANY(:commandIds)")
                .bindArray("commandIds", String.class, commandIds.stream().map(CommandId::value).toList())
                .map((rs, ctx) -> new CommandId(rs.getString("command_id")))
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public void commit(ProjectionBatch<V> batch) {
        jdbi.useTransaction(handle -> {
            if (!batch.views().isEmpty()) table.upsert(handle, batch.views());
            if (!batch.statuses().isEmpty()) insertStatuses(handle, batch.statuses());
            if (!batch.nextOffsets().isEmpty()) saveCheckpoints(handle, batch.nextOffsets());
        });
    }

    private static void insertStatuses(Handle handle, List<CommandStatusView> statuses) {
        var insert = handle.prepareBatch("""
                INSERT INTO command_status (correlation_id, command_id, command_type, status, reason, resource,
                                            issued_by, accepted_at, applied_at)
                VALUES (:correlationId, :commandId, :commandType, :status, :reason, :resource,
                        :issuedBy, :acceptedAt, :appliedAt)
                ON CONFLICT DO NOTHING""");
        for (var status : statuses) {
            insert.bind("correlationId", status.correlationId().value())
                    .bind("commandId", status.commandId().value())
                    .bind("commandType", status.commandType())
                    .bind("status", status.status().name())
                    .bind("reason", status.reason())
                    .bind("resource", status.resource())
                    .bind("issuedBy", status.issuedBy().name())
                    .bind("acceptedAt", status.acceptedAt())
                    .bind("appliedAt", status.appliedAt())
                    .add();
        }
        insert.execute();
    }

    private void saveCheckpoints(Handle handle, Map<TopicPartition, Long> nextOffsets) {
        var upsert = handle.prepareBatch("""
                INSERT INTO projection_checkpoints (projection, topic, partition, next_offset)
                VALUES (:projection, :topic, :partition, :nextOffset)
                ON CONFLICT (projection, topic, partition) DO UPDATE SET next_offset = excluded.next_offset""");
        nextOffsets.forEach((partition, nextOffset) -> upsert.bind("projection", projectionName)
                .bind("topic", partition.topic())
                .bind("partition", partition.partition())
                .bind("nextOffset", nextOffset)
                .add());
        upsert.execute();
    }
}
