package dev.precinct.adapters.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.precinct.adapters.kafka.KafkaTestSupport.aClosedPort;
import static dev.precinct.adapters.kafka.KafkaTestSupport.bootstrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaClusterIT {
    private final KafkaCluster cluster = KafkaCluster.connect(bootstrap());

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void ensureTopicsCreatesTheMissingTopicsWithTheAskedPartitions() throws Exception {
        var first = aTopicName();
        var second = aTopicName();

        var created = cluster.ensureTopics(List.of(first, second), 3, (short) 1);

        assertEquals(Set.of(first, second), created);
        assertEquals(Map.of(first, 3, second, 3), partitionCounts(first, second));
    }

    @Test
    void ensureTopicsIsIdempotentAndLeavesExistingTopicsAsTheyAre() throws Exception {
        var existing = aTopicName();
        var missing = aTopicName();
        cluster.ensureTopics(List.of(existing), 2, (short) 1);

        var again = cluster.ensureTopics(List.of(existing), 2, (short) 1);
        var mixed = cluster.ensureTopics(List.of(existing, missing), 4, (short) 1);

        assertEquals(Set.of(), again);
        assertEquals(Set.of(missing), mixed);
        assertEquals(Map.of(existing, 2, missing, 4), partitionCounts(existing, missing));
    }

    @Test
    void processesRacingToCreateATopicBothSucceed() throws Exception {
        var topic = aTopicName();
        var start = new CountDownLatch(1);
        Callable<Set<String>> ensure = () -> {
            try (var other = KafkaCluster.connect(bootstrap())) {
                start.await();
                return other.ensureTopics(List.of(topic), 3, (short) 1);
            }
        };

        Set<String> createdByEither = new HashSet<>();
        try (var executor = Executors.newFixedThreadPool(2)) {
            var a = executor.submit(ensure);
            var b = executor.submit(ensure);
            start.countDown();
            createdByEither.addAll(a.get(30, TimeUnit.SECONDS));
            createdByEither.addAll(b.get(30, TimeUnit.SECONDS));
        }

        assertEquals(Set.of(topic), createdByEither);
        assertEquals(Map.of(topic, 3), partitionCounts(topic));
    }

    @Test
    void theTestBrokerIsReachable() {
        assertTrue(cluster.isReachable(Duration.ofSeconds(10)));
    }

    @Test
    void aBrokerThatIsNotThereIsUnreachableWithinTheTimeout() {
        try (var absent = KafkaCluster.connect("127.0.0.1:" + aClosedPort())) {
            long started = System.nanoTime();

            boolean reachable = absent.isReachable(Duration.ofSeconds(1));

            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertFalse(reachable);
            assertTrue(elapsed.compareTo(Duration.ofMillis(1500)) < 0, "answered after " + elapsed);
        }
    }

    private static String aTopicName() {
        return "precinct.test." + UUID.randomUUID();
    }

    private static Map<String, Integer> partitionCounts(String... topics) throws Exception {
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            return admin.describeTopics(List.of(topics)).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
        }
    }
}
