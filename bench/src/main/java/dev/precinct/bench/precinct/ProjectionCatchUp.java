package dev.precinct.bench.precinct;

import dev.precinct.core.domain.Catalog;
import dev.precinct.bench.workload.Services;
import dev.precinct.police.Police;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Waits until Precinct's projections have applied everything on their topics: every partition's checkpoint in the
 * deployment's database has reached the partition's end offset. Between rows, so that one row's backlog is not the
 * next row's load.
 */
public final class ProjectionCatchUp {
    private final Admin admin;
    private final Services services;
    private final String jdbcUrl;

    public ProjectionCatchUp(Admin admin, Services services, String jdbcUrl) {
        this.admin = admin;
        this.services = services;
        this.jdbcUrl = jdbcUrl;
    }

    /** Blocks until caught up; throws when {@code timeout} passes first, saying how far behind they are. */
    public void await(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long behind;
        do {
            behind = eventsBehind();
            if (behind == 0) return;
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("Precinct's projections were still " + behind + " events behind after "
                + timeout.toSeconds() + " s");
    }

    /** How many events the projections have yet to apply, over all partitions. */
    public long eventsBehind() throws ExecutionException, InterruptedException, SQLException {
        var partitions = new HashMap<TopicPartition, OffsetSpec>();
        var topics = admin.describeTopics(Catalog.of(Police.domain()).topics()).allTopicNames().get();
        topics.forEach((topic, description) -> description.partitions()
                .forEach(p -> partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        var ends = admin.listOffsets(partitions).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        var checkpoints = new HashMap<TopicPartition, Long>();
        try (var connection = services.connect(jdbcUrl);
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT topic, partition, next_offset FROM projection_checkpoints")) {
            while (rows.next())
                checkpoints.merge(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3), Math::min);
        }
        long behind = 0;
        for (var end : ends.entrySet())
            behind += Math.max(0, end.getValue() - checkpoints.getOrDefault(end.getKey(), 0L));
        return behind;
    }
}
