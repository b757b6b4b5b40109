package dev.precinct.adapters.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
    void aBrokerThatIsNotThereIsUnreachable() {
        try (var absent = KafkaCluster.connect("127.0.0.1:" + aClosedPort())) {
            boolean reachable = absent.isReachable(Duration.ofSeconds(1));

            assertFalse(reachable);
        }
    }

    private static String aTopicName() {
        return "precinct.test." + UUID.randomUUID();
    }

    /** The partition counts of {@code topics}, once the broker's metadata shows them all (it may lag creation). */
    private static Map<String, Integer> partitionCounts(String... topics) throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            while (true) {
                try {
                    return admin.describeTopics(List.of(topics)).allTopicNames().get(30, TimeUnit.SECONDS).values()
                            .stream().collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline)
                        throw e;
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            }
        }
    }
}
