package dev.precinct.adapters.kafka;

import java.time.Duration;
import java.util.Optional;

/**
 * How many copies of each partition Precinct's topics keep ({@code replication.factor}) and how many of them must
 * have a record before the producer's {@code acks=all} counts it as written ({@code min.insync.replicas}). Immutable.
 *
 * @param factor             from 1 to the number of brokers
 * @param minInsyncReplicas  from 1 to {@code factor}
 */
public record KafkaReplication(short factor, short minInsyncReplicas) {
    /** The factor and minimum chosen when none is configured on a cluster of three brokers or more. */
    public static final KafkaReplication SAFE = new KafkaReplication((short) 3, (short) 2);
    private static final Duration REPLICA_LAG_TIME_MAX = Duration.ofSeconds(30);

    public KafkaReplication {
        if (factor < 1) throw new IllegalArgumentException("the replication factor must be at least 1; got " + factor);
        if (minInsyncReplicas < 1 || minInsyncReplicas > factor)
            throw new IllegalArgumentException("min.insync.replicas must be from 1 to the replication factor "
                    + factor + "; got " + minInsyncReplicas);
    }

    /**
     * The replication for a cluster of {@code brokers} brokers: {@code factor} and {@code minInsyncReplicas} where
     * given; else 3 and 2 with three brokers or more, 1 and 1 with fewer. An unset minimum is 2 for a factor of 3 or
     * more, 1 below. Throws {@link IllegalArgumentException} for a factor larger than the cluster, which Kafka
     * would refuse topic by topic.
     */
    public static KafkaReplication forCluster(int brokers, Optional<Short> factor, Optional<Short> minInsyncReplicas) {
        short chosen = factor.orElse(brokers >= SAFE.factor() ? SAFE.factor() : (short) 1);
        if (chosen > brokers)
            throw new IllegalArgumentException("replication factor " + chosen + " needs " + chosen
                    + " brokers; the cluster has " + brokers);
        return new KafkaReplication(chosen, minInsyncReplicas.orElse(chosen >= 3 ? (short) 2 : (short) 1));
    }

    /**
     * How long after the producer gave a record up it may still become visible to consumers: none with one copy
     * (the leader makes a record visible when it appends it), else Kafka's default {@code replica.lag.time.max.ms}
     * (30 s), the longest a lost or stuck follower stays in the in-sync set that the record must reach first (a
     * killed broker is dropped sooner, when its session ends: {@code broker.session.timeout.ms}, 9 s).
     */
    public Duration commitHorizon() {
        return factor == 1 ? Duration.ZERO : REPLICA_LAG_TIME_MAX;
    }

    /**
     * Why this replication can lose acknowledged events or stop taking them when one broker is lost, or empty when
     * it survives the loss of one broker without either.
     */
    public Optional<String> unsafeBecause() {
        if (factor == 1)
            return Optional.of("replication factor 1 keeps one copy of each event: the loss of that broker's disk "
                    + "loses acknowledged events, and while it is down no command is accepted. Run three brokers or "
                    + "more (Precinct then chooses 3 copies, 2 in sync) or set PRECINCT_TOPIC_REPLICATION=3");
        if (minInsyncReplicas == 1)
            return Optional.of("min.insync.replicas 1 acknowledges an event held by one broker only: losing that "
                    + "broker's disk before the followers copied it loses acknowledged events. Set "
                    + "PRECINCT_TOPIC_MIN_INSYNC_REPLICAS=2");
        if (minInsyncReplicas == factor)
            return Optional.of("min.insync.replicas " + minInsyncReplicas + " equals the replication factor: while "
                    + "any one replica is down no command is accepted. Use a factor one above it");
        return Optional.empty();
    }
}
