package dev.precinct.adapters.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka cluster as the application sees it at start-up and in its health checks: the topics it needs and
 * whether it answers. Every method blocks; thread-safe.
 */
public final class KafkaCluster implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;

    /** Works through {@code admin}, which this object closes. */
    public KafkaCluster(Admin admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * The cluster reached at {@code bootstrap} ({@code host:port,...}). Connects lazily: a cluster that is down
     * does not fail this call, a bootstrap that cannot be parsed or resolved does ({@link KafkaException}).
     */
    public static KafkaCluster connect(String bootstrap) {
        return new KafkaCluster(Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Objects.requireNonNull(bootstrap, "bootstrap"))));
    }

    /**
     * Creates those of {@code topics} that do not exist yet, with {@code partitions} partitions; existing topics
     * are left as they are, and a topic another process creates meanwhile counts as existing. Blocks up to the
     * admin client's {@code default.api.timeout.ms}; throws a {@link KafkaException} when the cluster cannot
     * tell or refuses.
     *
     * @return the topics this call created
     */
    public Set<String> ensureTopics(Collection<String> topics, int partitions, short replicationFactor) {
        var missing = new LinkedHashSet<>(topics);
        missing.removeAll(await(admin.listTopics().names()));
        if (missing.isEmpty()) return Set.of();
        var result = admin.createTopics(missing.stream()
                .map(topic -> new NewTopic(topic, partitions, replicationFactor)).toList());
        var created = new HashSet<String>();
        result.values().forEach((topic, creation) -> {
            try {
                await(creation);
                created.add(topic);
            } catch (TopicExistsException e) {
                // Another instance created it first; the topic exists, which is all this method promises.
            }
        });
        return Set.copyOf(created);
    }

    /** Whether the cluster answers within {@code timeout}; false on any failure. Blocks up to the timeout. */
    public boolean isReachable(Duration timeout) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                    .clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The end offset (the offset the next record will get) of every partition of {@code topic}. Blocks up to
     * {@code timeout}; throws {@link IllegalStateException} when the cluster does not answer in time.
     */
    public Map<dev.precinct.core.log.TopicPartition, Long> endOffsets(String topic, Duration timeout) {
        try {
            long millis = timeout.toMillis();
            var partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get(millis, TimeUnit.MILLISECONDS)
                    .get(topic).partitions();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            for (var partition : partitions) request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
            var ends = new HashMap<dev.precinct.core.log.TopicPartition, Long>();
            admin.listOffsets(request).all().get(millis, TimeUnit.MILLISECONDS).forEach((partition, info) ->
                    ends.put(new dev.precinct.core.log.TopicPartition(topic, partition.partition()), info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close(CLOSE_TIMEOUT);
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KafkaException cause) throw cause;
            throw new KafkaException(e.getCause());
        }
    }
}
