package dev.precinct.adapters.kafka;

import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Precinct's topics as they must be: the event topics, the source of truth, keep every record for ever
 * ({@code retention.ms=-1}, {@code retention.bytes=-1}, {@code cleanup.policy=delete}); the DLQ topic keeps its dead
 * letters for a bounded time and size. {@link #prepare()} creates what is missing and checks what exists, at
 * start-up; {@link #fit()} checks again, for readiness. Blocking (each call asks the cluster); thread-safe.
 */
public final class KafkaTopics {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** The topic settings every event topic must have: nothing is ever deleted or compacted away. */
    public static final Map<String, String> KEEP_FOREVER = Map.of(
            "retention.ms", "-1",
            "retention.bytes", "-1",
            "cleanup.policy", "delete");

    private final KafkaCluster cluster;
    private final String bootstrap;
    private final List<String> eventTopics;
    private final String deadLetterTopic;
    private final KafkaTopicSettings settings;
    private volatile boolean lastFit = true;

    /**
     * @param bootstrap       the cluster's bootstrap servers, for the fixes the messages name
     * @param eventTopics     the topics of the events: the source of truth
     * @param deadLetterTopic the topic of the events the projections could not apply
     */
    public KafkaTopics(KafkaCluster cluster, String bootstrap, List<String> eventTopics, String deadLetterTopic,
                       KafkaTopicSettings settings) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.eventTopics = List.copyOf(eventTopics);
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Creates the missing topics (replication from the settings or the cluster's size, with a warning when it
     * cannot survive the loss of a broker), gives the DLQ topic its retention, and checks that every event topic
     * keeps every record. Throws {@link KafkaTopicMisfitException} when one does not and the settings say
     * {@link KafkaTopicCheck#FAIL}, a {@link KafkaException} when the cluster cannot tell or refuses, and
     * {@link IllegalArgumentException} for a replication the cluster cannot have. Blocks, up to about ten seconds
     * per call to the cluster.
     *
     * @return the replication of the topics created here
     */
    public KafkaReplication prepare() {
        var replication = KafkaReplication.forCluster(cluster.brokerCount(TIMEOUT), settings.replicationFactor(),
                settings.minInsyncReplicas());
        replication.unsafeBecause().ifPresent(why -> LOG.warn("Topics are created unsafe for production: {}", why));
        var created = new ArrayList<String>();
        created.addAll(cluster.ensureTopics(eventTopics, settings.partitions(), replication.factor(),
                withReplication(KEEP_FOREVER, replication)));
        created.addAll(cluster.ensureTopics(List.of(deadLetterTopic), settings.partitions(), replication.factor(),
                withReplication(deadLetterRetention(), replication)));
        if (!created.isEmpty())
            LOG.info("Created the topics {}: {} replicas, min.insync.replicas {}", created, replication.factor(),
                    replication.minInsyncReplicas());
        keepDeadLettersAsConfigured();
        var misfits = misfits(TIMEOUT);
        lastFit = misfits.isEmpty();
        if (misfits.isEmpty()) return replication;
        if (settings.onMisfit() == KafkaTopicCheck.FAIL) throw new KafkaTopicMisfitException(misfits);
        for (var misfit : misfits)
            LOG.warn("{} (starting anyway, as PRECINCT_TOPIC_CHECK=warn says)", misfit.describe());
        return replication;
    }

    /**
     * Whether every event topic exists and keeps every record now: a readiness probe. When the cluster cannot be
     * asked, the last answer stands (the cluster's own check reports that it is down). Blocks up to two seconds.
     */
    public boolean fit() {
        try {
            var misfits = misfits(PROBE_TIMEOUT);
            boolean fit = misfits.isEmpty();
            if (!fit && lastFit) for (var misfit : misfits) LOG.warn("{}", misfit.describe());
            lastFit = fit;
            return fit;
        } catch (KafkaException unknown) {
            return lastFit;
        }
    }

    /** The event topics that are missing or let Kafka delete records, each setting once. Blocks up to {@code timeout} per topic. */
    public List<KafkaTopicMisfit> misfits(Duration timeout) {
        var misfits = new ArrayList<KafkaTopicMisfit>();
        for (var topic : eventTopics) {
            var config = cluster.topicConfig(topic, timeout);
            if (config.isEmpty()) {
                misfits.add(new KafkaTopicMisfit(topic, "exists", "false", "restart Precinct, which creates it, or "
                        + "restore it from a backup: the events it held are gone"));
                continue;
            }
            for (var required : KEEP_FOREVER.entrySet()) {
                var value = config.get().get(required.getKey());
                if (!fits(required.getKey(), value))
                    misfits.add(new KafkaTopicMisfit(topic, required.getKey(), value, fix(topic, required.getKey(),
                            required.getValue())));
            }
        }
        misfits.sort(Comparator.comparing(KafkaTopicMisfit::topic).thenComparing(KafkaTopicMisfit::setting));
        return misfits;
    }

    private static boolean fits(String setting, String value) {
        if (value == null) return false;
        // "delete", not "compact" nor "compact,delete": compaction drops every event of an officer but the last
        return setting.equals("cleanup.policy") ? value.equals("delete") : value.equals("-1");
    }

    private String fix(String topic, String setting, String value) {
        return "kafka-configs.sh --bootstrap-server " + bootstrap + " --alter --entity-type topics --entity-name "
                + topic + " --add-config " + setting + "=" + value;
    }

    /** The DLQ topic with the retention of the settings, also when it exists with another. */
    private void keepDeadLettersAsConfigured() {
        var wanted = deadLetterRetention();
        var config = cluster.topicConfig(deadLetterTopic, TIMEOUT).orElse(Map.of());
        var differing = wanted.entrySet().stream().filter(setting -> !setting.getValue().equals(config.get(setting.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (differing.isEmpty()) return;
        try {
            cluster.alterTopicConfig(deadLetterTopic, differing, TIMEOUT);
            LOG.info("Set {} on {}", differing, deadLetterTopic);
        } catch (KafkaException e) {
            LOG.warn("Could not set {} on {}: it keeps its dead letters as it did", differing, deadLetterTopic, e);
        }
    }

    private Map<String, String> deadLetterRetention() {
        return Map.of(
                "retention.ms", Long.toString(settings.deadLetterRetention().toMillis()),
                "retention.bytes", Long.toString(settings.deadLetterRetentionBytes()),
                "cleanup.policy", "delete");
    }

    private static Map<String, String> withReplication(Map<String, String> configs, KafkaReplication replication) {
        var all = new LinkedHashMap<>(configs);
        all.put("min.insync.replicas", Short.toString(replication.minInsyncReplicas()));
        return all;
    }
}
