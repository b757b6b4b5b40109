package dev.precinct.adapters.kafka;

import dev.precinct.core.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.precinct.adapters.kafka.KafkaTestSupport.bootstrap;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event topics keep every record, or Precinct does not start; on the test run's one broker. */
class KafkaTopicsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SEVEN_DAYS = Long.toString(Duration.ofDays(7).toMillis());

    private final KafkaCluster cluster = KafkaCluster.connect(bootstrap());
    private final String officers = aTopicName();
    private final String incidents = aTopicName();
    private final String deadLetters = aTopicName();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void createdEventTopicsKeepEveryRecordAndTheDeadLetterTopicKeepsItsConfiguredRetention() {
        var replication = topics(KafkaTopicCheck.FAIL).prepare();

        var officersConfig = config(officers);
        var deadLetterConfig = config(deadLetters);
        assertAll(
                () -> assertEquals(new KafkaReplication((short) 1, (short) 1), replication, "one broker"),
                () -> assertEquals("-1", officersConfig.get("retention.ms")),
                () -> assertEquals("-1", officersConfig.get("retention.bytes")),
                () -> assertEquals("delete", officersConfig.get("cleanup.policy")),
                () -> assertEquals("-1", config(incidents).get("retention.ms")),
                () -> assertEquals(Long.toString(Duration.ofDays(30).toMillis()), deadLetterConfig.get("retention.ms")),
                () -> assertEquals(Long.toString(1L << 30), deadLetterConfig.get("retention.bytes")));
    }

    @Test
    void anExistingEventTopicWithSevenDaysOfRetentionStopsTheStartAndTheErrorSaysHowToFixIt() {
        cluster.ensureTopics(List.of(officers), 1, (short) 1, Map.of("retention.ms", SEVEN_DAYS));

        var refused = assertThrows(KafkaTopicMisfitException.class, () -> topics(KafkaTopicCheck.FAIL).prepare());

        assertEquals(List.of(new KafkaTopicMisfit(officers, "retention.ms", SEVEN_DAYS, "kafka-configs.sh --bootstrap-server "
                + bootstrap() + " --alter --entity-type topics --entity-name " + officers
                + " --add-config retention.ms=-1")), refused.misfits());
        assertTrue(refused.getMessage().contains(officers + " has retention.ms=" + SEVEN_DAYS), refused.getMessage());
        assertTrue(refused.getMessage().contains("PRECINCT_TOPIC_CHECK=warn"), refused.getMessage());
    }

    @Test
    void anExistingCompactedEventTopicStopsTheStart() {
        cluster.ensureTopics(List.of(incidents), 1, (short) 1, Map.of("cleanup.policy", "compact",
                "retention.ms", "-1", "retention.bytes", "-1"));

        var refused = assertThrows(KafkaTopicMisfitException.class, () -> topics(KafkaTopicCheck.FAIL).prepare());

        assertEquals(1, refused.misfits().size(), refused.getMessage());
        assertEquals(incidents, refused.misfits().getFirst().topic());
        assertEquals("cleanup.policy", refused.misfits().getFirst().setting());
        assertEquals("compact", refused.misfits().getFirst().value());
        assertTrue(refused.misfits().getFirst().fix().endsWith("--add-config cleanup.policy=delete"),
                refused.misfits().getFirst().fix());
    }

    @Test
    void anExistingEventTopicWithTheBrokersFiniteDefaultStopsTheStartToo() {
        // no override: the test broker's log.retention.hours (168) and log.retention.bytes (-1) are in force
        cluster.ensureTopics(List.of(officers), 1, (short) 1);

        var refused = assertThrows(KafkaTopicMisfitException.class, () -> topics(KafkaTopicCheck.FAIL).prepare());

        assertEquals(List.of("retention.ms=" + SEVEN_DAYS),
                refused.misfits().stream().map(misfit -> misfit.setting() + "=" + misfit.value()).toList());
    }

    @Test
    void theOptOutStartsWithAFiniteRetentionAndLeavesTheTopicAsItIs() {
        cluster.ensureTopics(List.of(officers), 1, (short) 1, Map.of("retention.ms", SEVEN_DAYS));
        var topics = topics(KafkaTopicCheck.WARN);

        topics.prepare();

        assertEquals(SEVEN_DAYS, config(officers).get("retention.ms"));
        assertEquals(1, topics.misfits(TIMEOUT).size());
    }

    @Test
    void aRetentionChangedWhileRunningMakesTheTopicsUnfitUntilItIsUndone() {
        var topics = topics(KafkaTopicCheck.FAIL);
        topics.prepare();
        assertTrue(topics.fit());

        cluster.alterTopicConfig(officers, Map.of("retention.bytes", "1073741824"), TIMEOUT);
        // a changed setting reaches the broker that describes it a moment later
        Eventually.await("the topics unfit after retention.bytes was set", WAIT, () -> !topics.fit());
        cluster.alterTopicConfig(officers, Map.of("retention.bytes", "-1"), TIMEOUT);

        Eventually.await("the topics fit again after the fix", WAIT, topics::fit);
    }

    @Test
    void anExistingDeadLetterTopicGetsTheConfiguredRetention() {
        cluster.ensureTopics(List.of(deadLetters), 1, (short) 1, Map.of("retention.ms", SEVEN_DAYS));

        topics(KafkaTopicCheck.FAIL).prepare();

        var thirtyDays = Long.toString(Duration.ofDays(30).toMillis());
        Eventually.await("retention.ms=" + thirtyDays + " on the DLQ topic", WAIT,
                () -> thirtyDays.equals(config(deadLetters).get("retention.ms")));
    }

    private KafkaTopics topics(KafkaTopicCheck onMisfit) {
        return new KafkaTopics(cluster, bootstrap(), List.of(officers, incidents), deadLetters,
                new KafkaTopicSettings(2, Optional.empty(), Optional.empty(), Duration.ofDays(30), 1L << 30, onMisfit));
    }

    private Map<String, String> config(String topic) {
        return cluster.topicConfig(topic, TIMEOUT).orElseThrow(() -> new AssertionError(topic + " does not exist"));
    }

    private static String aTopicName() {
        return "precinct.test." + UUID.randomUUID();
    }
}
