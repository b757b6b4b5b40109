package dev.precinct.adapters.jdbc;

import dev.precinct.core.projection.CheckpointConflictException;
import dev.precinct.core.command.CommandId;
import dev.precinct.core.projection.CommandStatusView;
import dev.precinct.core.log.EventPosition;
import dev.precinct.core.projection.ParkedEvent;
import dev.precinct.core.projection.ProjectionBatch;
import dev.precinct.core.log.RawRecord;
import dev.precinct.core.log.TopicPartition;
import dev.precinct.core.port.ProjectionStore;
import dev.precinct.core.port.RecordCodec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link ProjectionStore} in PostgreSQL: the read model's rows in its {@link ViewTable}, the outcomes in the
 * shared {@code command_status} table and the checkpoints in {@code projection_checkpoints} under the projection's
 * name, and the parked records in {@code parked_events}, as the event log stored them (through the
 * {@link RecordCodec}, which decodes them again when they are read, so a fix of the decoding applies to them). A
 * commit is one transaction of a few batched statements, whatever the batch's size; a batch read from a checkpoint
 * that another projector has moved meanwhile fails it with {@link CheckpointConflictException}. An outcome already
 * recorded for a command is kept, never overwritten. Times are stored to the microsecond. Thread-safe, though the
 * port wants one writer per projection; blocking; throws Jdbi's unchecked exceptions when the database fails.
 *
 * @param <V> the read model's row
 */
public final class JdbiProjectionStore<V> implements ProjectionStore<V> {
    private final Jdbi jdbi;
    private final String projectionName;
    private final ViewTable<V> table;
    private final RecordCodec records;

    /** A store that cannot park records: a commit that parks one throws {@link UnsupportedOperationException}. */
    public JdbiProjectionStore(Jdbi jdbi, String projectionName, ViewTable<V> table) {
        this(jdbi, projectionName, table, null);
    }

    /** @param records encodes parked records to store them, and decodes them when they are read */
    public JdbiProjectionStore(Jdbi jdbi, String projectionName, ViewTable<V> table, RecordCodec records) {
        this.jdbi = jdbi;
        this.projectionName = projectionName;
        this.table = table;
        this.records = records;
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
    public Set<CommandId> seen(Collection<CommandId> commandIds) {
        if (commandIds.isEmpty()) return Set.of();
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT command_id FROM projection_commands
                        WHERE projection = :projection AND command_id = ANY(:commandIds)""")
                .bind("projection", projectionName)
                .bindArray("commandIds", String.class, commandIds.stream().map(CommandId::value).toList())
                .map((rs, ctx) -> new CommandId(rs.getString("command_id")))
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public Set<String> parked(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) return Set.of();
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT DISTINCT aggregate_id FROM parked_events
                        WHERE projection = :projection AND aggregate_id = ANY(:ids)""")
                .bind("projection", projectionName)
                .bindArray("ids", String.class, List.copyOf(aggregateIds))
                .mapTo(String.class)
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public List<ParkedEvent> parkedEvents(String aggregateId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM parked_events WHERE projection = :projection AND aggregate_id = :id
                        ORDER BY topic, partition, "offset"
                        """)
                .bind("projection", projectionName)
                .bind("id", aggregateId)
                .map((rs, ctx) -> parkedEvent(rs))
                .list());
    }

    @Override
    public List<ParkedEvent> parkedEvents() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM parked_events WHERE projection = :projection
                        ORDER BY aggregate_id, topic, partition, "offset"
                        """)
                .bind("projection", projectionName)
                .map((rs, ctx) -> parkedEvent(rs))
                .list());
    }

    @Override
    public long parkedCount() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM parked_events WHERE projection = :projection")
                .bind("projection", projectionName)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public void commit(ProjectionBatch<V> batch) {
        jdbi.useTransaction(handle -> {
            if (!batch.startOffsets().isEmpty()) fence(handle, batch.startOffsets());
            if (!batch.views().isEmpty()) table.upsert(handle, batch.views());
            if (!batch.statuses().isEmpty()) insertStatuses(handle, batch.statuses());
            if (!batch.seen().isEmpty()) handle.createUpdate("""
                            INSERT INTO projection_commands (projection, command_id)
                            SELECT :projection, unnest(CAST(:commandIds AS text[])) ON CONFLICT DO NOTHING""")
                    .bind("projection", projectionName)
                    .bindArray("commandIds", String.class, batch.seen().stream().map(CommandId::value).toList())
                    .execute();
            if (!batch.nextOffsets().isEmpty()) saveCheckpoints(handle, batch.nextOffsets());
            if (!batch.released().isEmpty()) release(handle, batch.released());
            if (!batch.parked().isEmpty()) park(handle, batch.parked());
        });
    }

    /**
     * Locks the checkpoints of the batch's partitions until the commit ends and fails when one has moved beyond
     * where the batch was read from (another projector took the partition over and committed meanwhile).
     */
    private void fence(Handle handle, Map<TopicPartition, Long> startOffsets) {
        // a partition read for the first time has no row to lock yet: make one, so two first commits queue up too
        var firstRead = handle.prepareBatch("""
                INSERT INTO projection_checkpoints (projection, topic, partition, next_offset)
                VALUES (:projection, :topic, :partition, :nextOffset)
                ON CONFLICT (projection, topic, partition) DO NOTHING""");
        startOffsets.forEach((partition, start) -> firstRead.bind("projection", projectionName)
                .bind("topic", partition.topic())
                .bind("partition", partition.partition())
                .bind("nextOffset", start)
                .add());
        firstRead.execute();
        var stored = handle.createQuery("""
                        SELECT topic, partition, next_offset FROM projection_checkpoints
                        WHERE projection = :projection AND topic = ANY(:topics)
                        FOR UPDATE""")
                .bind("projection", projectionName)
                .bindArray("topics", String.class,
                        startOffsets.keySet().stream().map(TopicPartition::topic).distinct().toList())
                .map((rs, ctx) -> Map.entry(new TopicPartition(rs.getString("topic"), rs.getInt("partition")),
                        rs.getLong("next_offset")))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        startOffsets.forEach((partition, start) -> {
            var current = stored.get(partition);
            if (current != null && current > start)
                throw new CheckpointConflictException("the checkpoint of " + projectionName + " on " + partition
                        + " is " + current + ", beyond " + start + " where this batch was read from: another "
                        + "projector has taken the partition over");
        });
    }

    private void release(Handle handle, List<EventPosition> released) {
        var delete = handle.prepareBatch("""
                DELETE FROM parked_events
                WHERE projection = :projection AND topic = :topic AND partition = :partition AND "offset" = :offset""");
        for (var position : released)
            delete.bind("projection", projectionName).bind("topic", position.topic())
                    .bind("partition", position.partition()).bind("offset", position.offset()).add();
        delete.execute();
    }

    private void park(Handle handle, List<ParkedEvent> parked) {
        if (records == null)
            throw new UnsupportedOperationException("projection " + projectionName + " has no record codec to park "
                    + "records with");
        var upsert = handle.prepareBatch("""
                INSERT INTO parked_events (projection, aggregate_id, topic, partition, "offset", record_key,
                                           record_value, record_headers, reason, parked_at)
                VALUES (:projection, :aggregateId, :topic, :partition, :offset, :key, :value, :headers, :reason,
                        :parkedAt)
                ON CONFLICT (projection, topic, partition, "offset")
                DO UPDATE SET reason = excluded.reason, parked_at = excluded.parked_at""");
        for (var event : parked) {
            var record = records.recordOf(event.delivery());
            var position = event.position();
            upsert.bind("projection", projectionName)
                    .bind("aggregateId", event.aggregateId())
                    .bind("topic", position.topic())
                    .bind("partition", position.partition())
                    .bind("offset", position.offset())
                    .bind("key", record.key())
                    .bind("value", record.value())
                    .bind("headers", encodeHeaders(record.headers()))
                    .bind("reason", event.reason())
                    .bind("parkedAt", OffsetDateTime.ofInstant(event.parkedAt(), ZoneOffset.UTC))
                    .add();
        }
        upsert.execute();
    }

    private ParkedEvent parkedEvent(ResultSet rs) throws SQLException {
        if (records == null)
            throw new UnsupportedOperationException("projection " + projectionName + " has no record codec to read "
                    + "parked records with");
        var position = new EventPosition(rs.getString("topic"), rs.getInt("partition"), rs.getLong("offset"));
        var record = new RawRecord(rs.getString("record_key"), rs.getBytes("record_value"),
                decodeHeaders(rs.getBytes("record_headers")));
        Instant parkedAt = rs.getObject("parked_at", OffsetDateTime.class).toInstant();
        return new ParkedEvent(rs.getString("aggregate_id"), records.decode(position, record), rs.getString("reason"),
                parkedAt);
    }

    private static byte[] encodeHeaders(List<RawRecord.Header> headers) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(headers.size());
            for (var header : headers) {
                out.writeUTF(header.name());
                if (header.value() == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(header.value().length);
                    out.write(header.value());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<RawRecord.Header> decodeHeaders(byte[] bytes) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int count = in.readInt();
            var headers = new ArrayList<RawRecord.Header>(count);
            for (int i = 0; i < count; i++) {
                var name = in.readUTF();
                int length = in.readInt();
                headers.add(new RawRecord.Header(name, length < 0 ? null : in.readNBytes(length)));
            }
            return headers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
