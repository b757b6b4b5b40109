package dev.precinct.app;

import dev.precinct.adapters.kafka.KafkaTopicCheck;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings as an operator gives them: checked at load, each named in the README's configuration table. */
class SettingsTest {
    @Test
    void theReadmesConfigurationTableNamesEverySetting() throws Exception {
        var readme = Files.readString(Path.of("..", "README.md"));
        for (var key : Settings.DEFAULTS.keySet()) {
            var variable = Settings.variableOf(key);
            // a row may name a pair with a shared stem: `PRECINCT_KAFKA_SSL_TRUSTSTORE_LOCATION` / `…_PASSWORD`
            var stem = variable.substring(variable.lastIndexOf('_'));
            assertTrue(readme.contains("`" + variable + "`") || readme.contains("`…" + stem + "`"),
                    variable + " is not in the README's configuration table");
        }
    }

    @Test
    void theProjectorSessionTimeoutIsWithinTheBrokersDefaultBounds() throws Exception {
        assertEquals(Duration.ofSeconds(45), load(Map.of()).projectorSessionTimeout());
        assertEquals(Duration.ofSeconds(6),
                load(Map.of("PRECINCT_PROJECTOR_SESSION_TIMEOUT_MS", "6000")).projectorSessionTimeout());
        var tooShort = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_PROJECTOR_SESSION_TIMEOUT_MS", "1000")));
        assertTrue(tooShort.getMessage().contains("projector.session.timeout.ms"), tooShort.getMessage());
    }

    @Test
    void theFanOutNeedsNats() {
        var refused = assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_FANOUT_NATS", "true")));
        assertTrue(refused.getMessage().contains("PRECINCT_NATS_URL"), refused.getMessage());
    }

    @Test
    void theTopicReplicationIsChosenFromTheClusterUnlessConfigured() throws Exception {
        var defaults = load(Map.of());
        assertEquals(Optional.empty(), defaults.topicReplication());
        assertEquals(Optional.empty(), defaults.topicMinInsyncReplicas());
        var configured = load(Map.of("PRECINCT_TOPIC_REPLICATION", "3", "PRECINCT_TOPIC_MIN_INSYNC_REPLICAS", "2"));
        assertEquals(Optional.of((short) 3), configured.topicReplication());
        assertEquals(Optional.of((short) 2), configured.topicMinInsyncReplicas());
        var zero = assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_TOPIC_REPLICATION", "0")));
        assertTrue(zero.getMessage().contains("topic.replication"), zero.getMessage());
    }

    @Test
    void theTopicCheckFailsUnlessTheOperatorOptsOut() throws Exception {
        assertEquals(KafkaTopicCheck.FAIL, load(Map.of()).topicCheck());
        assertEquals(KafkaTopicCheck.WARN, load(Map.of("PRECINCT_TOPIC_CHECK", "warn")).topicCheck());
        var unknown = assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_TOPIC_CHECK", "ignore")));
        assertTrue(unknown.getMessage().contains("topic.check must be fail or warn"), unknown.getMessage());
    }

    @Test
    void deadLettersAreKeptThirtyDaysAndOneGibibyteByDefault() throws Exception {
        assertEquals(Duration.ofDays(30), load(Map.of()).dlqRetention());
        assertEquals(1L << 30, load(Map.of()).dlqRetentionBytes());
        assertEquals(Duration.ofDays(90), load(Map.of("PRECINCT_DLQ_RETENTION_MS", "7776000000")).dlqRetention());
        var belowTheDuplicateWindow = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_DLQ_RETENTION_MS", "60000")));
        assertTrue(belowTheDuplicateWindow.getMessage().contains("dlq.retention.ms"), belowTheDuplicateWindow.getMessage());
    }

    private static Settings load(Map<String, String> environment) throws Exception {
        return Settings.load(environment, List.of());
    }
}
