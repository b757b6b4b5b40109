package dev.precinct.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.precinct.core.command.Role;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /admin/projections/{name}/rebuild} on real Kafka and PostgreSQL: every projection is rebuilt from
 * offset 0 into a fresh copy while clients keep reading every row (and writing new ones), and the copy takes the
 * live tables' place. No query fails or misses a row; the rebuilt tables hold what the live ones held, under the
 * same index names; the rows written during the rebuild are there too.
 */
class ProjectionRebuildIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final List<String> PROJECTIONS = ReadModelTables.PROJECTIONS;

    @Test
    void everyProjectionIsRebuiltWhileQueriesAndCommandsGoOnAndNoQueryFailsOrMissesARow() throws Exception {
        var database = TestServices.freshDatabase();
        try (var precinct = Precinct.start(RealServices.settings(database, "all"))) {
            var client = new Http(precinct.httpPort());
            var admin = new Http(precinct.httpPort(), TestTokens.token("ops", List.of(Role.ADMIN)));
            var badges = new ArrayList<String>();
            var incidents = new ArrayList<String>();
            for (int i = 0; i < 30; i++) badges.add(register(client));
            for (int i = 0; i < 10; i++) {
                var incident = decided(client, "/api/v1/incidents", DomainJson.incident()).get("resource").asText();
                incidents.add(incident);
                decided(client, "/api/v1/officers/" + badges.get(i) + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}");
                decided(client, incident + "/assignments", "{\"badgeNumber\":\"" + badges.get(i) + "\"}");
                decided(client, "/api/v1/observations", DomainJson.plateRead(badges.get(i), "PL" + i));
            }
            var before = ReadModelTables.rows(database, ReadModelTables.READ_MODELS, Map.of());
            var indexesBefore = indexes(database);

            var failures = new ConcurrentLinkedQueue<String>();
            var reads = new AtomicInteger();
            var written = new CopyOnWriteArrayList<String>();
            var stop = new AtomicBoolean();
            try (var load = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int reader = 0; reader < 3; reader++)
                    load.submit(() -> readEveryRowUntil(stop, client, badges, incidents, reads, failures));
                load.submit(() -> registerUntil(stop, client, written, failures));

                var started = new ArrayList<JsonNode>();
                for (var name : PROJECTIONS) {
                    var response = admin.postJson("/admin/projections/" + name + "/rebuild", "");
                    assertEquals(202, response.statusCode(), response.body());
                    started.add(body(response));
                }
                var finished = awaitRebuilt(admin);
                int readsDuringRebuild = reads.get();
                stop.set(true);
                load.shutdown();
                assertTrue(load.awaitTermination(30, TimeUnit.SECONDS), "the load stops");

                for (var answer : started) {
                    assertEquals("rebuilding", answer.get("state").asText(), answer.toString());
                    assertEquals("replaying", answer.get("rebuild").get("phase").asText(), answer.toString());
                }
                for (var projection : finished.values()) {
                    var rebuild = projection.get("rebuild");
                    assertEquals("done", rebuild.get("phase").asText(), projection.toString());
                    assertEquals(1.0, rebuild.get("progress").asDouble(), projection.toString());
                    assertEquals("running", projection.get("state").asText(), projection.toString());
                }
                assertTrue(readsDuringRebuild > 0, "queries ran during the rebuilds");
                assertEquals(List.of(), List.copyOf(failures), "failed queries or missing rows");
            }

            for (var badge : written) assertEquals(200, client.get("/api/v1/officers/" + badge).statusCode());
            var after = ReadModelTables.rows(database, ReadModelTables.READ_MODELS, Map.of());
            var again = admin.postJson("/admin/projections/officers/rebuild", "");
            assertEquals(202, again.statusCode(), "a finished rebuild can be run again: " + again.body());
            awaitRebuilt(admin);
            assertAll(
                    () -> assertEquals(indexesBefore, indexes(database), "the live tables' index names"),
                    () -> assertEquals(List.of(), schemasLeft(database), "no copy or retired schema is left"),
                    () -> assertTrue(written.size() > 0, "commands were accepted during the rebuilds"),
                    () -> {
                        for (var table : before.keySet())
                            assertTrue(after.get(table).containsAll(before.get(table)),
                                    table + ": every row from before the rebuild, unchanged");
                    },
                    () -> assertEquals(after, ReadModelTables.rows(database, ReadModelTables.READ_MODELS, Map.of()), "rebuilding again changes nothing"));
        }
    }

    private static String register(Http client) throws Exception {
        var badge = OfficerJson.aBadge();
        decided(client, "/api/v1/officers", OfficerJson.registration(badge));
        return badge;
    }

    /** Sends a command and waits for its outcome, which must be APPLIED; returns the outcome. */
    private static JsonNode decided(Http client, String path, String json) throws Exception {
        var accepted = client.postJson(path, json);
        assertEquals(202, accepted.statusCode(), accepted.body());
        var status = client.get("/api/v1/commands/" + body(accepted).get("correlationId").asText() + "?waitMs=15000");
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("APPLIED", body(status).get("status").asText(), status.body());
        return body(status);
    }

    private static Void readEveryRowUntil(AtomicBoolean stop, Http client, List<String> badges,
                                          List<String> incidents, AtomicInteger reads,
                                          ConcurrentLinkedQueue<String> failures) throws Exception {
        while (!stop.get()) {
            for (var badge : badges) expect200(client, "/api/v1/officers/" + badge, failures, reads);
            for (var incident : incidents) expect200(client, incident, failures, reads);
            var page = client.get("/api/v1/officers?limit=200");
            reads.incrementAndGet();
            if (page.statusCode() != 200) failures.add("officer list: " + page.statusCode() + " " + page.body());
            else if (body(page).get("items").size() < Math.min(badges.size(), 200)
                    && !body(page).hasNonNull("nextCursor"))
                failures.add("officer list misses rows: " + page.body());
        }
        return null;
    }

    private static void expect200(Http client, String path, ConcurrentLinkedQueue<String> failures,
                                  AtomicInteger reads) throws Exception {
        var response = client.get(path);
        reads.incrementAndGet();
        if (response.statusCode() != 200) failures.add(path + ": " + response.statusCode() + " " + response.body());
    }

    private static Void registerUntil(AtomicBoolean stop, Http client, List<String> written,
                                      ConcurrentLinkedQueue<String> failures) throws Exception {
        while (!stop.get()) {
            var badge = OfficerJson.aBadge();
            var accepted = client.postJson("/api/v1/officers", OfficerJson.registration(badge));
            if (accepted.statusCode() != 202) {
                failures.add("registration: " + accepted.statusCode() + " " + accepted.body());
                continue;
            }
            var status = client.get("/api/v1/commands/" + body(accepted).get("correlationId").asText()
                    + "?waitMs=15000");
            if (status.statusCode() != 200 || !body(status).get("status").asText().equals("APPLIED"))
                failures.add("registration " + badge + " not applied: " + status.statusCode() + " " + status.body());
            else written.add(badge);
        }
        return null;
    }

    /** Waits until no projection is rebuilding any more; returns them by name. */
    private static Map<String, JsonNode> awaitRebuilt(Http admin) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            var listing = admin.get("/admin/projections");
            assertEquals(200, listing.statusCode(), listing.body());
            var byName = new LinkedHashMap<String, JsonNode>();
            for (var item : body(listing).get("items")) byName.put(item.get("name").asText(), item);
            if (byName.values().stream().noneMatch(item -> item.get("state").asText().equals("rebuilding")))
                return byName;
            if (System.nanoTime() > deadline) throw new AssertionError("still rebuilding: " + listing.body());
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** The index names of the read-model tables, by table. */
    private static Map<String, List<String>> indexes(String database) throws SQLException {
        var indexes = new LinkedHashMap<String, List<String>>();
        try (var connection = ReadModelTables.connect(database);
             var result = connection.createStatement().executeQuery("""
                     SELECT tablename, indexname FROM pg_indexes WHERE schemaname = current_schema()
                     AND tablename IN ('precinct_view_officers', 'precinct_view_incidents',
                                       'precinct_view_observations')
                     ORDER BY tablename, indexname""")) {
            while (result.next())
                indexes.computeIfAbsent(result.getString(1), table -> new ArrayList<>()).add(result.getString(2));
        }
        return indexes;
    }

    private static List<String> schemasLeft(String database) throws SQLException {
        var left = new ArrayList<String>();
        try (var connection = ReadModelTables.connect(database);
             var result = connection.createStatement().executeQuery(
                     "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'precinct\\_%' ORDER BY nspname")) {
            while (result.next()) left.add(result.getString(1));
        }
        return left;
    }
}
