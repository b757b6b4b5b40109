package dev.precinct.app;

import dev.precinct.adapters.kafka.KafkaCluster;
import dev.precinct.core.testing.Eventually;
import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command path on clusters that lose a node: a three-broker Kafka cluster and a three-node NATS cluster (started
 * by {@code scripts/test}, see {@code scripts/lib/services.sh}), an edge and a BL as JVMs from the jar, and the careful
 * client's load of {@link FaultToleranceIT}. One node is {@code kill -9}ed mid-load; every key's answers are checked
 * against what Kafka holds ({@link FaultReport#assertInvariants()}), and the longest run of failed requests and the
 * time to the first 202 after the kill are printed as {@code [cluster]} lines. Every node is up again when a test
 * ends, whatever happened.
 */
class ClusterFaultIT {
    private static final String OFFICERS = "precinct.officers";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(2000);
    // longer than the BL's commit horizon on a replicated log (30 s and the publish timeout), so that a key whose
    // attempt in the failover got lost still gets its 202 and the report counts it
    private static final Duration RETRY_BUDGET = Duration.ofSeconds(45);
    private static final Duration WAIT = Duration.ofSeconds(60);
    // a broker killed without a goodbye is noticed when its session ends (9 s by default), then its partitions
    // get other leaders and the in-sync sets shrink
    private static final Duration BROKER_RECOVERY_LIMIT = Duration.ofSeconds(30);
    private static final int CONCURRENCY = 8;
    private static final int SAME_NODE_ATTEMPTS = 15;
    private static final Path LOGS = Path.of("target", "cluster-faults");

    private final String run = randomTag();
    private final List<PrecinctProcess> processes = new ArrayList<>();
    private final List<TestServers.Server> nodes = new ArrayList<>();
    private long started = System.nanoTime();
    private PrecinctProcess edge;
    private PrecinctProcess businessLogic;
    private String jdbcUrl;

    /** When a test fails, where every Precinct JVM was stuck: before {@code @AfterEach} kills them. */
    @RegisterExtension
    final TestExecutionExceptionHandler dumpThreadsOnFailure = (context, failure) -> {
        for (var process : processes) {
            var dump = process.dumpThreads();
            if (dump.isEmpty()) continue;
            System.out.println("[cluster] threads of " + process.name() + " when the test failed: " + dump.get());
            ThreadDumps.printPrecinctStacks(dump.get(), System.out);
        }
        throw failure;
    };

    @AfterEach
    void stopPrecinctAndRestoreTheNodes() throws Exception {
        for (var process : processes) process.kill();
        for (var node : nodes) node.ensureUp();
    }

    @Test
    void aBrokerKilledMidLoadLeavesEvery202WithExactlyOneEventAndCommandsKeepBeingAccepted() throws Exception {
        var bootstrap = TestServices.kafkaClusterBootstrap();
        var brokers = TestServers.kafkaCluster();
        nodes.addAll(brokers);
        startPrecinct("kafka", TestServices.natsUrl(), bootstrap);
        assertEventTopicsReplicatedAndKeptForEver(bootstrap);
        var prefix = "cluster-kafka-" + run;
        var before = RealServices.endOffsets(bootstrap, OFFICERS);
        try (var load = load(prefix, "C" + run)) {
            started = System.nanoTime();
            load.start();
            load.awaitAccepted(100, WAIT);

            int victim = brokerLeadingMostPartitions(bootstrap);
            step("kafka", "kill -9 broker " + victim + ", the leader of most partitions of " + OFFICERS);
            long killed = System.nanoTime();
            brokers.get(victim - 1).stop();
            var recovery = load.awaitAcceptedSentAfter(killed, WAIT);
            step("kafka", "202s again, after " + recovery.toMillis() + " ms");
            load.awaitAccepted(load.accepted() + 200, WAIT);
            step("kafka", "200 more 202s with broker " + victim + " down; restart it");
            brokers.get(victim - 1).start();
            awaitInSync(bootstrap, victim);
            step("kafka", "broker " + victim + " is back in every in-sync set of " + OFFICERS);
            load.awaitAccepted(load.accepted() + 100, WAIT);
            var histories = load.finish(WAIT.multipliedBy(2));
            var report = new FaultReport("Kafka cluster, one of three brokers kill -9 mid-load, restarted", histories,
                    RealServices.records(bootstrap, OFFICERS, before, record -> commandId(record).startsWith(prefix + "-")),
                    recovery, BROKER_RECOVERY_LIMIT);
            System.out.println(report.toString().replace("[fault]", "[cluster]"));

            report.assertInvariants();
        }
    }

    @Test
    void theNatsNodeOfTheEdgeAndTheBlKilledMidLoadLosesNoAcknowledgementAndDoublesNoEvent() throws Exception {
        var urls = TestServices.natsClusterUrls();
        var natsNodes = TestServers.natsCluster();
        nodes.addAll(natsNodes);
        startPrecinct("nats", urls, TestServices.kafkaBootstrap());
        var victim = sameNodeForEdgeAndBusinessLogic(natsNodes, urls);
        var prefix = "cluster-nats-" + run;
        var before = RealServices.endOffsets(OFFICERS);
        try (var load = load(prefix, "D" + run)) {
            started = System.nanoTime();
            load.start();
            load.awaitAccepted(100, WAIT);

            step("nats", "kill -9 " + victim.name() + ", which the edge and the BL are connected to");
            long killed = System.nanoTime();
            victim.stop();
            var recovery = load.awaitAcceptedSentAfter(killed, WAIT);
            step("nats", "202s again, after " + recovery.toMillis() + " ms");
            load.awaitAccepted(load.accepted() + 200, WAIT);
            var reconnected = new HashMap<String, String>();
            for (var node : natsNodes) {
                if (node == victim) continue;
                for (var name : node.clientNames()) reconnected.put(name, node.name());
            }
            step("nats", "200 more 202s; connected now: " + reconnected + "; restart " + victim.name());
            victim.start();
            load.awaitAccepted(load.accepted() + 100, WAIT);
            var histories = load.finish(WAIT.multipliedBy(2));
            var report = new FaultReport("NATS cluster, the edge's and the BL's node kill -9 mid-load, restarted",
                    histories, RealServices.records(OFFICERS, before, record -> commandId(record).startsWith(prefix + "-")),
                    recovery);
            System.out.println(report.toString().replace("[fault]", "[cluster]"));

            assertAll(
                    () -> assertTrue(reconnected.containsKey("precinct-edge") && reconnected.containsKey("precinct-bl"),
                            "the edge and the BL on the other nodes: " + reconnected),
                    report::assertInvariants);
        }
    }

    // --- the clusters --------------------------------------------------------------------------------------------

    private static void assertEventTopicsReplicatedAndKeptForEver(String bootstrap) throws Exception {
        try (var cluster = KafkaCluster.connect(bootstrap); var admin = admin(bootstrap)) {
            for (var topic : List.of("precinct.officers", "precinct.incidents", "precinct.observations")) {
                var config = cluster.topicConfig(topic, WAIT).orElseThrow(() -> new AssertionError(topic + " is missing"));
                var replicas = describe(admin, topic).partitions().stream().map(p -> p.replicas().size()).distinct().toList();
                assertAll(topic,
                        () -> assertEquals(List.of(3), replicas, "replicas per partition"),
                        () -> assertEquals("2", config.get("min.insync.replicas")),
                        () -> assertEquals("-1", config.get("retention.ms")),
                        () -> assertEquals("-1", config.get("retention.bytes")),
                        () -> assertEquals("delete", config.get("cleanup.policy")));
            }
        }
    }

    /** The node id of the broker that leads the most partitions of {@link #OFFICERS}. */
    private static int brokerLeadingMostPartitions(String bootstrap) throws Exception {
        try (var admin = admin(bootstrap)) {
            var led = new HashMap<Integer, Integer>();
            for (var partition : describe(admin, OFFICERS).partitions())
                if (partition.leader() != null) led.merge(partition.leader().id(), 1, Integer::sum);
            return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    /** Waits until broker {@code node} is in the in-sync set of every partition of {@link #OFFICERS} again. */
    private static void awaitInSync(String bootstrap, int node) throws Exception {
        try (var admin = admin(bootstrap)) {
            Eventually.await("broker " + node + " in every in-sync set of " + OFFICERS, WAIT, () -> {
                try {
                    return describe(admin, OFFICERS).partitions().stream()
                            .allMatch(partition -> partition.isr().stream().anyMatch(replica -> replica.id() == node));
                } catch (Exception notYet) {
                    return false;
                }
            });
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    /**
     * The NATS node both the edge and the BL are connected to. The client picks one of the URLs at random, so while
     * they sit on different nodes the BL is started again (at most {@link #SAME_NODE_ATTEMPTS} times).
     */
    private TestServers.NatsServer sameNodeForEdgeAndBusinessLogic(List<TestServers.NatsServer> natsNodes, String urls)
            throws Exception {
        for (int attempt = 1; attempt <= SAME_NODE_ATTEMPTS; attempt++) {
            var edgeNode = nodeOf(natsNodes, "precinct-edge");
            var blNode = nodeOf(natsNodes, "precinct-bl");
            if (edgeNode.isPresent() && edgeNode.equals(blNode)) {
                step("nats", "the edge and the BL are on " + edgeNode.get().name() + " (BL starts: " + attempt + ")");
                return edgeNode.get();
            }
            processes.remove(businessLogic);
            businessLogic.kill();
            businessLogic = PrecinctProcess.start("bl-" + (attempt + 1), "bl", environment(urls, TestServices.kafkaBootstrap()),
                    businessLogic.log().getParent());
            processes.add(businessLogic);
        }
        return fail("the edge and the BL were not on one NATS node after " + SAME_NODE_ATTEMPTS + " starts of the BL");
    }

    private static Optional<TestServers.NatsServer> nodeOf(List<TestServers.NatsServer> natsNodes, String connection)
            throws Exception {
        for (var node : natsNodes) if (node.clientNames().contains(connection)) return Optional.of(node);
        return Optional.empty();
    }

    // --- Precinct as separate JVMs ------------------------------------------------------------------------------

    /** An edge and a business-logic JVM on a fresh database, on {@code natsUrls} and {@code kafkaBootstrap}. */
    private void startPrecinct(String scenario, String natsUrls, String kafkaBootstrap) throws Exception {
        var environment = environment(natsUrls, kafkaBootstrap);
        var logs = LOGS.resolve(scenario + "-" + run);
        try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
            var starting = List.<Future<PrecinctProcess>>of(
                    starter.submit(() -> PrecinctProcess.start("bl-1", "bl", environment, logs)),
                    starter.submit(() -> PrecinctProcess.start("edge", "edge", environment, logs)));
            Exception failure = null;
            for (var future : starting) {
                try {
                    processes.add(future.get());
                } catch (ExecutionException e) {
                    failure = e;
                }
            }
            if (failure != null) throw failure;
        }
        businessLogic = processes.getFirst();
        edge = processes.getLast();
    }

    /** The variables of a role on {@code natsUrls} and {@code kafkaBootstrap}, all roles of a test on one database. */
    private Map<String, String> environment(String natsUrls, String kafkaBootstrap) {
        if (jdbcUrl == null) jdbcUrl = TestServices.freshDatabase();
        var environment = PrecinctProcess.environment(natsUrls, kafkaBootstrap, jdbcUrl, TestServices.jdbcUser(),
                TestServices.jdbcPassword(), TestTokens.SECRET);
        environment.put("PRECINCT_REQUEST_TIMEOUT_MS", Long.toString(REQUEST_TIMEOUT.toMillis()));
        return environment;
    }

    private CommandLoad load(String prefix, String badgePrefix) {
        return new CommandLoad(edge.base(), TestTokens.anyRole(), prefix, badgePrefix, CONCURRENCY, RETRY_BUDGET);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** Prints a step of the scenario with the time since the load started, to read beside the processes' logs. */
    private void step(String scenario, String what) {
        System.out.printf("[cluster] %s +%d ms (%s): %s%n", scenario, Duration.ofNanos(System.nanoTime() - started)
                .toMillis(), LocalTime.now(), what);
    }

    private static String commandId(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("ce_commandid");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Four characters of [A-Z0-9]: keys and badges unique to this run. */
    private static String randomTag() {
        var random = new SecureRandom();
        var tag = new StringBuilder();
        for (int i = 0; i < 4; i++) tag.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(random.nextInt(36)));
        return tag.toString();
    }
}
