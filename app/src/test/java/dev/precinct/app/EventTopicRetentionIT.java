package dev.precinct.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.adapters.kafka.KafkaCluster;
import dev.precinct.adapters.kafka.KafkaTopicMisfitException;
import dev.precinct.adapters.kafka.KafkaTopics;
import dev.precinct.police.Police;
import dev.precinct.core.testing.Eventually;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Precinct on the test run's broker refuses an event topic that lets Kafka delete events, at start-up and, through
 * readiness, at run time. Changes {@code precinct.officers} of the shared broker for a moment and always undoes it.
 */
class EventTopicRetentionIT {
    private static final String OFFICERS = "precinct.officers";
    private static final String SEVEN_DAYS = Long.toString(Duration.ofDays(7).toMillis());
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaCluster cluster = KafkaCluster.connect(TestServices.kafkaBootstrap());

    @BeforeEach
    void theEventTopicsExist() {
        cluster.ensureTopics(Police.catalog().topics(), 6, (short) 1, KafkaTopics.KEEP_FOREVER);
    }

    @AfterEach
    void keepEveryEventAgain() {
        try {
            setOnOfficers(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
        } finally {
            cluster.close();
        }
    }

    @Test
    void anEventTopicWithSevenDaysOfRetentionStopsTheStartWithTheFixAndTheOptOutStartsAnyway() throws Exception {
        setOnOfficers(Map.of("retention.ms", SEVEN_DAYS));
        var settings = RealServices.settings(TestServices.freshDatabase(), "all");

        var refused = assertThrows(KafkaTopicMisfitException.class, () -> Precinct.start(settings).close());
        try (var started = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all", "--topic.check=warn"))) {
            var ready = new Http(started.httpPort()).get("/health/ready");

            assertAll(
                    () -> assertTrue(refused.getMessage().contains(OFFICERS + " has retention.ms=" + SEVEN_DAYS),
                            refused.getMessage()),
                    () -> assertTrue(refused.getMessage().contains("kafka-configs.sh --bootstrap-server "
                            + TestServices.kafkaBootstrap() + " --alter --entity-type topics --entity-name " + OFFICERS
                            + " --add-config retention.ms=-1"), refused.getMessage()),
                    () -> assertEquals(200, ready.statusCode(), "the opt-out leaves the edge ready: " + ready.body()));
        }
    }

    @Test
    void aRetentionSetAtRunTimeMakesTheEdgeUnreadyUntilItIsUndone() throws Exception {
        try (var precinct = Precinct.start(RealServices.settings(TestServices.freshDatabase(), "all"))) {
            var http = new Http(precinct.httpPort());
            Eventually.await("ready", WAIT, () -> status(http) == 200);

            setOnOfficers(Map.of("retention.bytes", "1073741824"));
            Eventually.await("readiness 503 with kafka-topics DOWN", WAIT, () -> status(http) == 503);
            var unready = JSON.readTree(http.get("/health/ready").body());
            setOnOfficers(Map.of("retention.bytes", "-1"));
            Eventually.await("ready again", WAIT, () -> status(http) == 200);

            assertEquals("DOWN", unready.path("checks").path("kafka-topics").asText(), unready.toString());
            assertEquals("UP", unready.path("checks").path("kafka").asText(), unready.toString());
        }
    }

    private static int status(Http http) {
        try {
            return http.get("/health/ready").statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Sets {@code configs} on {@link #OFFICERS} and waits until the broker describes them so. */
    private void setOnOfficers(Map<String, String> configs) {
        cluster.alterTopicConfig(OFFICERS, configs, WAIT);
        Eventually.await(configs + " on " + OFFICERS, WAIT, () -> {
            var config = cluster.topicConfig(OFFICERS, WAIT).orElseThrow();
            return configs.entrySet().stream().allMatch(setting -> setting.getValue().equals(config.get(setting.getKey())));
        });
    }
}
