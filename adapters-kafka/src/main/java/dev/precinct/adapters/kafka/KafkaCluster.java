package dev.precinct.adapters.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The Kafka cluster as the application sees it at start-up and in its health checks: the topics it needs and
 * whether it answers. Every method blocks; thread-safe.
 */
public final class KafkaCluster implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration VISIBLE_POLL = Duration.ofMillis(50);

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
     * Creates those of {@code topics} that do not exist yet, with {@code partitions} partitions and the broker's
     * defaults for every topic setting; as {@link #ensureTopics(Collection, int, short, Map)}.
     *
     * @return the topics this call created
     */
    public Set<String> ensureTopics(Collection<String> topics, int partitions, short replicationFactor) {
        return ensureTopics(topics, partitions, replicationFactor, Map.of());
    }

    /**
     * Creates those of {@code topics} that do not exist yet, with {@code partitions} partitions and the topic
     * settings {@code configs} ({@code retention.ms}, …); existing topics are left as they are, and a topic another
     * process creates meanwhile counts as existing. Returns once the cluster describes the topics it created. Blocks
     * up to the admin client's {@code default.api.timeout.ms}, and 30 s more for the new topics to be known; throws a
     * {@link KafkaException} when the cluster cannot tell or refuses.
     *
     * @return the topics this call created
     */
    public Set<String> ensureTopics(Collection<String> topics, int partitions, short replicationFactor,
                                    Map<String, String> configs) {
        var missing = new LinkedHashSet<>(topics);
        missing.removeAll(await(admin.listTopics().names()));
        if (missing.isEmpty()) return Set.of();
        var result = admin.createTopics(missing.stream()
                .map(topic -> new NewTopic(topic, partitions, replicationFactor).configs(configs)).toList());
        var created = new HashSet<String>();
        result.values().forEach((topic, creation) -> {
            try {
                await(creation);
                created.add(topic);
            } catch (TopicExistsException e) {
                // Another instance created it first; the topic exists, which is all this method promises.
            }
        });
        awaitVisible(created);
        return Set.copyOf(created);
    }

    /**
     * Waits until the broker that answers describes each of {@code topics}: a topic just created is unknown to it for
     * a moment, and a caller that reads its settings next must find it.
     */
    private void awaitVisible(Collection<String> topics) {
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        for (var topic : topics) {
            while (topicConfig(topic, VISIBLE_TIMEOUT).isEmpty()) {
                if (System.nanoTime() > deadline)
                    throw new org.apache.kafka.common.errors.TimeoutException("the topic " + topic
                            + " was created but is still unknown after " + VISIBLE_TIMEOUT);
                LockSupport.parkNanos(VISIBLE_POLL.toNanos());
            }
        }
    }

    /**
     * How many brokers the cluster has now. Blocks up to {@code timeout}; throws a {@link KafkaException} when the
     * cluster does not answer in time.
     */
    public int brokerCount(Duration timeout) {
        return await(admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis(timeout))).nodes(), timeout)
                .size();
    }

    /**
     * The settings in force for {@code topic} (its own and the broker's defaults, by their names:
     * {@code retention.ms}, …), or empty when the topic does not exist. Blocks up to {@code timeout}; throws a
     * {@link KafkaException} when the cluster does not answer in time.
     */
    public Optional<Map<String, String>> topicConfig(String topic, Duration timeout) {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            var config = await(admin.describeConfigs(Set.of(resource)).values().get(resource), timeout);
            var values = new HashMap<String, String>();
            for (var entry : config.entries()) if (entry.value() != null) values.put(entry.name(), entry.value());
            return Optional.of(values);
        } catch (UnknownTopicOrPartitionException e) {
            return Optional.empty();
        }
    }

    /**
     * Sets {@code configs} on {@code topic} as topic overrides, leaving its other settings alone. Blocks up to
     * {@code timeout}; throws a {@link KafkaException} when the cluster refuses or does not answer in time.
     */
    public void alterTopicConfig(String topic, Map<String, String> configs, Duration timeout) {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        var operations = configs.entrySet().stream()
                .map(setting -> new AlterConfigOp(new ConfigEntry(setting.getKey(), setting.getValue()),
                        AlterConfigOp.OpType.SET))
                .toList();
        await(admin.incrementalAlterConfigs(Map.of(resource, operations)).all(), timeout);
    }

    /** Whether the cluster answers within {@code timeout}; false on any failure. Blocks up to the timeout. */
    public boolean isReachable(Duration timeout) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis(timeout)))
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

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private static <T> T await(KafkaFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("Kafka did not answer within " + timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KafkaException cause) throw cause;
            throw new KafkaException(e.getCause());
        }
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
