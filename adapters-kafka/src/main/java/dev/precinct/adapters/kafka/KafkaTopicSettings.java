package dev.precinct.adapters.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of {@link KafkaTopics} from the configuration. Immutable.
 *
 * @param partitions        for the topics created here
 * @param replicationFactor empty: chosen from the cluster's size ({@link KafkaReplication#forCluster})
 * @param minInsyncReplicas empty: chosen from the replication factor
 * @param deadLetterRetention      how long the DLQ topic keeps a dead letter ({@code retention.ms})
 * @param deadLetterRetentionBytes how many bytes each partition of the DLQ topic keeps ({@code retention.bytes})
 * @param onMisfit          what an event topic that deletes records does to the start
 */
public record KafkaTopicSettings(int partitions, Optional<Short> replicationFactor, Optional<Short> minInsyncReplicas,
                                 Duration deadLetterRetention, long deadLetterRetentionBytes, KafkaTopicCheck onMisfit) {
    public KafkaTopicSettings {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1; got " + partitions);
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        Objects.requireNonNull(minInsyncReplicas, "minInsyncReplicas");
        Objects.requireNonNull(deadLetterRetention, "deadLetterRetention");
        Objects.requireNonNull(onMisfit, "onMisfit");
    }
}
