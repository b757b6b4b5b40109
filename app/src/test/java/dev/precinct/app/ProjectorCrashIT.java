package dev.precinct.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Projectors killed for real in the middle of the stream. An edge and a business-logic service run in this JVM, the
 * projectors as JVMs of their own from the runnable jar, on a fresh database; a {@link PatrolLoad} sends commands to
 * every read model while a projector is {@code kill -9}ed at random points (after a random number of records read
 * since it started) and started again. Once the load has stopped and the projections have read the topics to their
 * ends, every read-side table is compared, row by row, with a clean rebuild: a fresh database filled by a fresh
 * projector reading the same log from offset 0. Any event applied twice or skipped by a crash shows as a difference
 * (a version, a status, a row too many or missing), and the run's own commands and aggregates are also checked
 * against what the load did: one outcome per accepted command, every shift's aggregates in their final state.
 *
 * <p>A process killed with {@code kill -9} never leaves its consumer groups: Kafka would hold its partitions for the
 * group's session timeout ({@code PRECINCT_PROJECTOR_SESSION_TIMEOUT_MS}, 45 s by default, 6 s at least) before
 * giving them to anyone. The test removes the dead member at once through the admin API, as that timeout would
 * later (and as an operator can), so
 * that five crashes fit in a minute; that removal expels every member of the group, so in the shared scenario the
 * surviving projector also loses its partitions mid-stream and joins again.
 */
class ProjectorCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GROUPS = ReadModelTables.PROJECTIONS.stream()
            .map(projection -> "precinct-projection-" + projection).toList();
    private static final Path LOGS = Path.of("target", "projector-crash");
    private static final int PATROLS = 6;
    /** A kill comes after 1 to this many records read since the victim (or, shared, the pair) started. */
    private static final int MAX_RECORDS_BEFORE_KILL = 150;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String run = randomTag();
    private final long seed = new SecureRandom().nextLong();
    private final Random random = new Random(seed);
    private final List<PrecinctProcess> started = new ArrayList<>();
    private long loadStarted = System.nanoTime();

    @AfterEach
    void stopTheProjectors() throws Exception {
        for (var process : started) if (process.isAlive()) process.kill();
        try (var admin = admin()) {
            // the next test's projectors must not wait for these members' session timeout
            evictMembers(admin);
        }
    }

    @Test
    void aProjectorKilledFiveTimesMidStreamEndsWithTheTablesOfACleanRebuild() throws Exception {
        scenario("single", 1, 5);
    }

    @Test
    void oneOfTwoProjectorsSharingTheGroupsKilledMidStreamEndsWithTheTablesOfACleanRebuild() throws Exception {
        scenario("shared", 2, 1);
    }

    /** A kill: when, which process, what its projections had read when it died. */
    private record Kill(long atMillis, String process, long readSinceStart, long readWhenKilled, long readAfterDeath,
                        int exitCode) {
        @Override
        public String toString() {
            return "+" + atMillis + " ms " + process + " after " + readSinceStart + " records (checkpoints "
                    + readWhenKilled + ", " + readAfterDeath + " once dead, exit " + exitCode + ")";
        }
    }

    private void scenario(String name, int projectorCount, int kills) throws Exception {
        long began = System.nanoTime();
        var database = TestServices.freshDatabase();
        var environment = PrecinctProcess.environment(TestServices.natsUrl(), TestServices.kafkaBootstrap(), database,
                TestServices.jdbcUser(), TestServices.jdbcPassword(), TestTokens.SECRET);
        var logs = LOGS.resolve(name + "-" + run);
        var prefix = "crash-" + name + "-" + run;
        var done = new ArrayList<Kill>();
        Map<String, Map<TopicPartition, Long>> ends;
        List<PatrolLoad.Accepted> accepted;
        List<PatrolLoad.Shift> shifts;
        try (var edge = Precinct.start(RealServices.settings(database, "edge"));
             var businessLogic = Precinct.start(RealServices.settings(database, "bl"));
             var admin = admin()) {
            evictMembers(admin);
            var live = startProjectors(projectorCount, environment, logs);
            awaitMembers(admin, projectorCount);
            // the topics hold the other tests' events too: read them first, so the kills fall in this load's stream
            ReadModelTables.awaitCaughtUp(database, ReadModelTables.endOffsets(), WAIT.multipliedBy(2));
            try (var load = new PatrolLoad("http://127.0.0.1:" + edge.httpPort(), TestTokens.anyRole(), prefix,
                    "C" + run, PATROLS)) {
                loadStarted = System.nanoTime();
                load.start();
                var generation = new HashMap<String, Integer>();
                long since = ReadModelTables.recordsRead(database);
                for (int k = 1; k <= kills; k++) {
                    int index = random.nextInt(live.size());
                    var victim = live.get(index);
                    int after = 1 + random.nextInt(MAX_RECORDS_BEFORE_KILL);
                    awaitRecordsRead(database, since + after);
                    long readWhenKilled = ReadModelTables.recordsRead(database);
                    assertTrue(victim.isAlive(), victim.name() + " ended by itself; see " + victim.log());
                    victim.kill();
                    long readAfterDeath = ReadModelTables.recordsRead(database);
                    var kill = new Kill(millisSince(loadStarted), victim.name(), readWhenKilled - since,
                            readWhenKilled, readAfterDeath, victim.exitCode().orElse(-1));
                    done.add(kill);
                    step(name, "kill -9 " + kill);
                    evictMembers(admin);
                    int next = generation.merge("projector-" + (index + 1), 1, Integer::sum);
                    live.set(index, start("projector-" + (index + 1) + "." + next, environment, logs));
                    awaitMembers(admin, projectorCount);
                    since = ReadModelTables.recordsRead(database);
                    step(name, live.get(index).name() + " started, checkpoints at " + since);
                }
                // the restarted projector projects part of the load too, then the load ends its shifts
                awaitRecordsRead(database, since + 1 + random.nextInt(MAX_RECORDS_BEFORE_KILL));
                load.finish(WAIT);
                accepted = load.acceptances();
                shifts = load.shifts();
                step(name, "load finished: " + shifts.size() + " shifts, " + accepted.size() + " commands accepted");
            }
            ends = ReadModelTables.endOffsets();
            ReadModelTables.awaitCaughtUp(database, ends, WAIT);
            step(name, "caught up with the end offsets");
            for (var projector : live) {
                assertTrue(projector.isAlive(), projector.name() + " ended by itself; see " + projector.log());
                projector.close();
            }
        }
        var rebuild = TestServices.freshDatabase();
        try (var projector = Precinct.start(RealServices.settings(rebuild, "projector"))) {
            ReadModelTables.awaitCaughtUp(rebuild, ends, WAIT);
        }
        step(name, "clean rebuild caught up");

        assertEquals(ends, ReadModelTables.endOffsets(), "nothing was written to the topics while comparing");
        var thisRun = Map.of("command_status", "command_id LIKE '" + prefix + "-%'");
        var crashed = ReadModelTables.rows(database, ReadModelTables.ALL.keySet(), thisRun);
        var rebuilt = ReadModelTables.rows(rebuild, ReadModelTables.ALL.keySet(), thisRun);
        System.out.println("[crash] " + name + ": seed=" + seed + " projectors=" + projectorCount + " kills=" + done
                + " shifts=" + shifts.size() + " commands accepted=" + accepted.size() + " records read="
                + ReadModelTables.recordsRead(database) + " rows compared=" + crashed.entrySet().stream()
                .map(table -> table.getKey() + ":" + table.getValue().size()).collect(Collectors.joining(" "))
                + " took " + millisSince(began) + " ms");

        var checks = new ArrayList<org.junit.jupiter.api.function.Executable>();
        checks.add(() -> assertEquals(kills, done.size(), "kills"));
        for (var kill : done) checks.add(() -> assertEquals(137, kill.exitCode(), "killed with SIGKILL: " + kill));
        checks.add(() -> assertEquals(flatten(ends), flatten(ReadModelTables.checkpoints(database)),
                "the crashed projectors' checkpoints are the topics' end offsets"));
        for (var table : ReadModelTables.ALL.keySet())
            checks.add(() -> assertSameRows(table, crashed.get(table), rebuilt.get(table)));
        checks.add(() -> assertOneAppliedOutcomePerCommand("crashed", accepted, crashed.get("command_status")));
        checks.add(() -> assertOneAppliedOutcomePerCommand("rebuilt", accepted, rebuilt.get("command_status")));
        checks.add(() -> assertShiftsEnded(shifts, accepted, crashed));
        assertAll(name + " after " + done.size() + " kills (seed " + seed + ")", checks);
    }

    // --- projectors -----------------------------------------------------------------------------------------------

    private List<PrecinctProcess> startProjectors(int count, Map<String, String> environment, Path logs)
            throws Exception {
        var live = new ArrayList<PrecinctProcess>();
        try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
            var starting = new ArrayList<Future<PrecinctProcess>>();
            for (int i = 1; i <= count; i++) {
                var name = "projector-" + i + ".0";
                starting.add(starter.submit(() -> start(name, environment, logs)));
            }
            for (var future : starting) live.add(future.get());
        }
        return live;
    }

    private PrecinctProcess start(String name, Map<String, String> environment, Path logs) throws Exception {
        var process = PrecinctProcess.start(name, "projector", environment, logs);
        synchronized (started) {
            started.add(process);
        }
        return process;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.kafkaBootstrap()));
    }

    /** Removes every member of the projections' consumer groups (see the class comment for why). */
    private static void evictMembers(Admin admin) throws Exception {
        var deadline = System.nanoTime() + WAIT.toNanos();
        for (var group : GROUPS) {
            while (true) {
                var description = describe(admin, group);
                if (description == null || description.members().isEmpty()) break;
                try {
                    admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all()
                            .get(10, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    // a member joined or left between the description and the removal: describe it again
                    if (System.nanoTime() > deadline) throw e;
                }
            }
        }
    }

    /**
     * Waits until each projection's group is stable with {@code members} members that all hold partitions: the
     * projectors share every topic.
     */
    private static void awaitMembers(Admin admin, int members) throws Exception {
        var deadline = System.nanoTime() + WAIT.toNanos();
        for (var group : GROUPS) {
            while (true) {
                var description = describe(admin, group);
                if (description != null && description.groupState() == GroupState.STABLE
                        && description.members().size() == members
                        && description.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty()))
                    break;
                if (System.nanoTime() > deadline)
                    fail(group + " did not settle with " + members + " members holding partitions within " + WAIT
                            + ": " + description);
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) return null;
            throw e;
        }
    }

    /** Waits until the database's projections have read {@code records} records in all. */
    private static void awaitRecordsRead(String database, long records) throws SQLException {
        var deadline = System.nanoTime() + WAIT.toNanos();
        while (ReadModelTables.recordsRead(database) < records) {
            if (System.nanoTime() > deadline)
                fail("the projections did not read " + records + " records within " + WAIT + ", only "
                        + ReadModelTables.recordsRead(database) + " (the load waits for outcomes: a record skipped "
                        + "or a partition stuck stalls it)");
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    // --- checks -----------------------------------------------------------------------------------------------------

    private static void assertSameRows(String table, List<Map<String, String>> crashed,
                                       List<Map<String, String>> rebuilt) {
        if (crashed.equals(rebuilt)) return;
        var onlyCrashed = new ArrayList<>(crashed);
        onlyCrashed.removeAll(new HashSet<>(rebuilt));
        var onlyRebuilt = new ArrayList<>(rebuilt);
        onlyRebuilt.removeAll(new HashSet<>(crashed));
        fail(table + " differs from the clean rebuild: " + crashed.size() + " rows against " + rebuilt.size()
                + "; only after the crashes (" + onlyCrashed.size() + "): " + first(onlyCrashed) + "; only in the "
                + "rebuild (" + onlyRebuilt.size() + "): " + first(onlyRebuilt));
    }

    /** Exactly one outcome per accepted command, APPLIED, and none for a command that was not accepted. */
    private static void assertOneAppliedOutcomePerCommand(String which, List<PatrolLoad.Accepted> accepted,
                                                          List<Map<String, String>> statuses) {
        var keys = accepted.stream().map(PatrolLoad.Accepted::key).toList();
        assertEquals(keys.size(), new LinkedHashSet<>(keys).size(), "each key accepted once");
        var expected = accepted.stream().collect(Collectors.toMap(PatrolLoad.Accepted::key,
                PatrolLoad.Accepted::correlationId));
        var found = new HashMap<String, String>();
        var notApplied = new ArrayList<Map<String, String>>();
        for (var status : statuses) {
            found.put(status.get("command_id"), status.get("correlation_id"));
            if (!status.get("status").equals("APPLIED")) notApplied.add(status);
        }
        var missing = new HashSet<>(expected.keySet());
        missing.removeAll(found.keySet());
        var unexpected = new HashSet<>(found.keySet());
        unexpected.removeAll(expected.keySet());
        var elsewhere = expected.entrySet().stream()
                .filter(key -> found.containsKey(key.getKey()) && !found.get(key.getKey()).equals(key.getValue()))
                .map(key -> key.getKey() + " answered " + key.getValue() + ", outcome under "
                        + found.get(key.getKey()))
                .toList();
        assertAll(which + " command_status",
                () -> assertEquals(accepted.size(), statuses.size(), "one row per accepted command"),
                () -> assertTrue(missing.isEmpty(), "accepted commands without an outcome: " + first(missing)),
                () -> assertTrue(unexpected.isEmpty(), "outcomes of commands never accepted: " + first(unexpected)),
                () -> assertTrue(elsewhere.isEmpty(), "outcomes under another correlation id: " + first(elsewhere)),
                () -> assertTrue(notApplied.isEmpty(), "outcomes other than APPLIED: " + first(notApplied)));
    }

    /** Every shift's officer, incident and observations as the shift left them: each command applied once. */
    private static void assertShiftsEnded(List<PatrolLoad.Shift> shifts, List<PatrolLoad.Accepted> accepted,
                                          Map<String, List<Map<String, String>>> tables) {
        assertEquals(shifts.size() * PatrolLoad.COMMANDS_PER_SHIFT, accepted.size(),
                "every accepted command belongs to a shift that ended");
        var officers = documents(tables.get("precinct_view_officers"));
        var incidents = documents(tables.get("precinct_view_incidents"));
        var openAssignments = new HashMap<String, String>();
        incidents.forEach((id, incident) -> {
            if (!incident.get("status").asText().equals("CLOSED"))
                incident.get("assignedBadges").forEach(badge -> openAssignments.put(badge.asText(), id));
        });
        var observations = documents(tables.get("precinct_view_observations")).values().stream()
                .collect(Collectors.groupingBy(row -> row.path("badgeNumber").asText(), Collectors.counting()));
        var wrong = new ArrayList<String>();
        for (var shift : shifts) {
            var officer = officers.get(shift.badge());
            var incident = incidents.get(shift.incidentId());
            if (officer == null || officer.get("version").asLong() != PatrolLoad.OFFICER_VERSION
                    || !officer.get("dutyStatus").asText().equals("OFF_DUTY"))
                wrong.add("officer " + officer);
            if (incident == null || incident.get("version").asLong() != PatrolLoad.INCIDENT_VERSION
                    || !incident.get("status").asText().equals("CLOSED")
                    || !incident.get("assignedBadges").toString().equals("[\"" + shift.badge() + "\"]"))
                wrong.add("incident " + incident + " of " + shift.badge());
            if (openAssignments.containsKey(shift.badge()))
                wrong.add("still assigned to " + openAssignments.get(shift.badge()));
            long seen = observations.getOrDefault(shift.badge(), 0L);
            if (seen != PatrolLoad.OBSERVATIONS_PER_SHIFT) wrong.add(seen + " observations by " + shift.badge());
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " aggregates not as their shift left them: " + first(wrong));
    }

    /** The stored view's rows as their JSON documents, by id. */
    private static Map<String, JsonNode> documents(List<Map<String, String>> rows) {
        var documents = new HashMap<String, JsonNode>();
        for (var row : rows) {
            try {
                documents.put(row.get("id"), JSON.readTree(row.get("doc")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("not a stored view's document: " + row, e);
            }
        }
        return documents;
    }

    /** The checkpoints as {@code projection topic-partition → next offset}, leaving out partitions still at 0. */
    private static Map<String, Long> flatten(Map<String, Map<TopicPartition, Long>> offsets) {
        var flat = new HashMap<String, Long>();
        offsets.forEach((projection, partitions) -> partitions.forEach((partition, offset) -> {
            if (offset > 0) flat.put(projection + " " + partition, offset);
        }));
        return flat;
    }

    private static String first(java.util.Collection<?> items) {
        return items.stream().limit(5).map(String::valueOf).collect(Collectors.joining("; ", "[", "]"));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private void step(String scenario, String what) {
        System.out.printf("[crash] %s +%d ms: %s%n", scenario, millisSince(loadStarted), what);
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    /** Four characters of [A-Z0-9]: keys and badges unique to this run. */
    private static String randomTag() {
        var random = new SecureRandom();
        var tag = new StringBuilder();
        for (int i = 0; i < 4; i++) tag.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(random.nextInt(36)));
        return tag.toString();
    }
}
