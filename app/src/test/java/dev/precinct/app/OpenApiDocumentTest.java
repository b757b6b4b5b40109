package dev.precinct.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.precinct.police.Police;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenAPI document the edge serves is the edge: it documents exactly the routes the running edge registered
 * ({@link Precinct#routes()}), every documented route is answered, and what the edge answers (status, headers,
 * body fields, their JSON types and enum values) is what the document says for that operation and status. Runs
 * against the embedded mode, over real HTTP.
 */
class OpenApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPENAPI_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final String WAIT = "?waitMs=10000";

    private static Precinct precinct;
    private static Http http;
    private static JsonNode openApi;

    @BeforeAll
    static void start() throws Exception {
        precinct = Precinct.start(Settings.load(Map.of(), List.of("--http.port=0", "--http.host=127.0.0.1", "--auth.hs256.secret=" + TestTokens.SECRET)));
        http = new Http(precinct.httpPort());
        var served = http.get("/openapi.json");
        assertEquals(200, served.statusCode(), "GET /openapi.json");
        openApi = JSON.readTree(served.body());
    }

    @AfterAll
    static void stop() {
        if (precinct != null) precinct.close();
    }

    @Test
    void theServedDocumentIsTheOneInTheResources() throws Exception {
        try (var in = OpenApiDocumentTest.class.getResourceAsStream("/" + Police.API_DOCUMENT)) {
            assertTrue(in != null, "the police document is on the classpath");
            assertEquals(JSON.readTree(in), openApi);
        }
        assertEquals("3.1.0", openApi.path("openapi").asText());
    }

    @Test
    void theDocumentedRoutesAreExactlyTheRoutesTheEdgeRegistered() {
        var registered = precinct.routes().stream()
                .map(route -> route.method().toUpperCase(Locale.ROOT) + " " + route.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(precinct.routes().size(), registered.size(), "the edge registers each route once");

        var documented = documentedRoutes();

        assertAll(
                () -> assertEquals(registered, documented,
                        "served but not documented: " + difference(registered, documented)
                                + "; documented but not served: " + difference(documented, registered)),
                () -> assertTrue(registered.contains("GET /openapi.json"), "the edge lists its own routes"));
    }

    @Test
    void everyDocumentedRouteIsAnswered() throws Exception {
        var unanswered = new ArrayList<String>();
        for (var route : documentedRoutes()) {
            var method = route.substring(0, route.indexOf(' '));
            var path = fill(route.substring(route.indexOf(' ') + 1));
            // a command without a body or content type gets the route's own 415; a query its own answer
            var response = http.send(HttpRequest.newBuilder(URI.create(http.uri(path)))
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            if (response.statusCode() == 405
                    || response.statusCode() == 404 && JSON.readTree(response.body()).path("detail").asText()
                    .equals("no route " + method + " " + path))
                unanswered.add(route + " (" + method + " " + path + " answered " + response.statusCode() + ")");
        }
        assertTrue(unanswered.isEmpty(), "documented routes the edge does not answer: " + unanswered);
    }

    @Test
    void officerCommandsAndReadsAreAsDocumented() throws Exception {
        var badge = OfficerJson.aBadge();

        var registered = documented("POST", "/api/v1/officers", 202,
                http.postJson("/api/v1/officers", OfficerJson.registration(badge)));
        documented("GET", "/api/v1/commands/{correlationId}", 200, awaitStatus(registered));
        var officer = documented("GET", "/api/v1/officers/{badgeNumber}", 200, http.get("/api/v1/officers/" + badge));
        var again = documented("POST", "/api/v1/officers", 409,
                http.postJson("/api/v1/officers", OfficerJson.registration(badge)));
        var invalid = documented("POST", "/api/v1/officers", 422,
                http.postJson("/api/v1/officers", OfficerJson.registration("b 1", "CADET")));
        var malformed = documented("POST", "/api/v1/officers", 400,
                http.postJson("/api/v1/officers", "{\"badgeNumber\":\"" + badge + "\",\"nickname\":\"Ace\"}"));
        var onDuty = documented("POST", "/api/v1/officers/{badgeNumber}/duty-status", 202,
                http.postJson("/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}"));
        var unknown = documented("POST", "/api/v1/officers/{badgeNumber}/duty-status", 404,
                http.postJson("/api/v1/officers/" + OfficerJson.aBadge() + "/duty-status",
                        "{\"dutyStatus\":\"OFF_DUTY\"}"));
        var notAnOfficer = documented("GET", "/api/v1/officers/{badgeNumber}", 404, http.get("/api/v1/officers/b%20"));

        assertAll(
                () -> assertEquals("OFF_DUTY", officer.get("dutyStatus").asText()),
                () -> assertTrue(officer.get("currentIncidentId").isNull()),
                () -> assertEquals("https://precinct.dev/problems/conflict", again.get("type").asText()),
                () -> assertTrue(invalid.get("violations").size() >= 2, invalid.toString()),
                () -> assertTrue(malformed.get("violations").size() >= 2, malformed.toString()),
                () -> assertEquals("ChangeOfficerDutyStatus", onDuty.get("commandType").asText()),
                () -> assertTrue(unknown.hasNonNull("correlationId"), unknown.toString()),
                () -> assertTrue(notAnOfficer.get("detail").asText().startsWith("no officers row with badgeNumber")));
    }

    @Test
    void incidentCommandsAndReadsAreAsDocumented() throws Exception {
        var badge = onDutyOfficer();
        var report = """
                {"category":"BURGLARY","priority":"P2",
                 "location":{"lat":51.5154,"lon":-0.0922,"address":"14 Wood Street, London EC2V 7AN"},
                 "description":"Rear window forced at a jeweller's; alarm sounding."}""";

        var reported = documented("POST", "/api/v1/incidents", 202, http.postJson("/api/v1/incidents", report));
        var reportedStatus = documented("GET", "/api/v1/commands/{correlationId}", 200, awaitStatus(reported));
        var resource = reported.get("resource").asText();
        var incidentId = resource.substring(resource.lastIndexOf('/') + 1);
        var assigned = documented("POST", "/api/v1/incidents/{incidentId}/assignments", 202,
                http.postJson("/api/v1/incidents/" + incidentId + "/assignments", "{\"badgeNumber\":\"" + badge + "\"}"));
        documented("GET", "/api/v1/commands/{correlationId}", 200, awaitStatus(assigned));
        var incident = documented("GET", "/api/v1/incidents/{incidentId}", 200, http.get(resource));
        var officer = documented("GET", "/api/v1/officers/{badgeNumber}", 200, http.get("/api/v1/officers/" + badge));
        var twice = documented("POST", "/api/v1/incidents/{incidentId}/assignments", 409,
                http.postJson("/api/v1/incidents/" + incidentId + "/assignments", "{\"badgeNumber\":\"" + badge + "\"}"));
        var closed = documented("POST", "/api/v1/incidents/{incidentId}/closure", 202,
                http.postJson("/api/v1/incidents/" + incidentId + "/closure",
                        "{\"incidentId\":\"" + incidentId + "\",\"resolution\":\"RESOLVED\",\"notes\":\"Window boarded up\"}"));
        documented("GET", "/api/v1/commands/{correlationId}", 200, awaitStatus(closed));
        var closedIncident = documented("GET", "/api/v1/incidents/{incidentId}", 200, http.get(resource));
        var missing = UUID.randomUUID();
        var closeMissing = documented("POST", "/api/v1/incidents/{incidentId}/closure", 404,
                http.postJson("/api/v1/incidents/" + missing + "/closure", "{\"resolution\":\"NO_ACTION\"}"));
        var assignMissing = documented("POST", "/api/v1/incidents/{incidentId}/assignments", 404,
                http.postJson("/api/v1/incidents/" + missing + "/assignments", "{\"badgeNumber\":\"" + badge + "\"}"));
        var pathMismatch = documented("POST", "/api/v1/incidents/{incidentId}/closure", 400,
                http.postJson("/api/v1/incidents/" + incidentId + "/closure",
                        "{\"incidentId\":\"" + missing + "\",\"resolution\":\"RESOLVED\"}"));
        documented("GET", "/api/v1/incidents/{incidentId}", 404, http.get("/api/v1/incidents/" + missing));

        assertAll(
                () -> assertEquals("APPLIED", reportedStatus.get("status").asText()),
                () -> assertEquals("14 Wood Street, London EC2V 7AN", incident.get("location").get("address").asText()),
                () -> assertEquals("ASSIGNED", incident.get("status").asText()),
                () -> assertEquals(badge, incident.get("assignedBadges").get(0).asText()),
                () -> assertEquals(incidentId, officer.get("currentIncidentId").asText()),
                () -> assertEquals("https://precinct.dev/problems/conflict", twice.get("type").asText()),
                () -> assertEquals("CLOSED", closedIncident.get("status").asText()),
                () -> assertEquals("RESOLVED", closedIncident.get("resolution").asText()),
                () -> assertFalse(closedIncident.get("closedAt").isNull()),
                () -> assertEquals("https://precinct.dev/problems/not-found", closeMissing.get("type").asText()),
                () -> assertEquals("https://precinct.dev/problems/not-found", assignMissing.get("type").asText()),
                () -> assertEquals("incidentId", pathMismatch.get("violations").get(0).get("field").asText()));
    }

    @Test
    void observationsAreAsDocumented() throws Exception {
        var badge = OfficerJson.aBadge();
        var key = "observation-" + UUID.randomUUID();
        var body = """
                {"kind":"PLATE_READ","observedAt":"2026-03-14T09:38:40Z","location":{"lat":51.5149,"lon":-0.0931},
                 "badgeNumber":"%s","plate":"LK19 XRT","notes":"Silver estate, northbound"}""".formatted(badge);

        var recorded = documented("POST", "/api/v1/observations", 202,
                http.postJson("/api/v1/observations", body, "Idempotency-Key", key));
        var retried = documented("POST", "/api/v1/observations", 202,
                http.postJson("/api/v1/observations", body, "Idempotency-Key", key));
        var status = documented("GET", "/api/v1/commands/{correlationId}", 200, awaitStatus(recorded));
        var observation = documented("GET", "/api/v1/observations/{observationId}", 200,
                http.get(recorded.get("resource").asText()));
        var noPlate = documented("POST", "/api/v1/observations", 422, http.postJson("/api/v1/observations",
                body.replace("\"plate\":\"LK19 XRT\",", "")));
        var address = documented("POST", "/api/v1/observations", 400, http.postJson("/api/v1/observations",
                body.replace("\"lon\":-0.0931", "\"lon\":-0.0931,\"address\":\"Wood Street\"")));
        documented("GET", "/api/v1/observations/{observationId}", 404,
                http.get("/api/v1/observations/" + UUID.randomUUID()));

        assertAll(
                () -> assertEquals(recorded.get("correlationId"), retried.get("correlationId")),
                () -> assertEquals(recorded.get("resource"), retried.get("resource")),
                () -> assertEquals("precinct.observations", recorded.get("event").get("topic").asText()),
                () -> assertEquals("APPLIED", status.get("status").asText()),
                () -> assertEquals("LK19 XRT", observation.get("plate").asText()),
                () -> assertTrue(observation.get("incidentId").isNull()),
                () -> assertEquals("plate", noPlate.get("violations").get(0).get("field").asText()),
                () -> assertEquals("location.address", address.get("violations").get(0).get("field").asText()));
    }

    @Test
    void listPagesAreAsDocumented() throws Exception {
        var badge = onDutyOfficer();
        onDutyOfficer();
        for (var plate : List.of("LK19 XRT", "WR70 KPD")) {
            var observation = """
                    {"kind":"PLATE_READ","observedAt":"2026-03-14T09:38:40Z","location":{"lat":51.5,"lon":-0.09},
                     "badgeNumber":"%s","plate":"%s"}""".formatted(badge, plate);
            awaitStatus(documented("POST", "/api/v1/observations", 202,
                    http.postJson("/api/v1/observations", observation)));
        }
        for (var priority : List.of("P1", "P3")) {
            var report = """
                    {"category":"DISTURBANCE","priority":"%s","location":{"lat":51.5,"lon":-0.09},
                     "description":"Shouting outside the pub"}""".formatted(priority);
            awaitStatus(documented("POST", "/api/v1/incidents", 202, http.postJson("/api/v1/incidents", report)));
        }

        var officers = documented("GET", "/api/v1/officers", 200, http.get("/api/v1/officers?dutyStatus=ON_DUTY&limit=1"));
        var nextOfficers = documented("GET", "/api/v1/officers", 200, http.get("/api/v1/officers?dutyStatus=ON_DUTY"
                + "&limit=1&cursor=" + officers.get("nextCursor").asText()));
        var incidents = documented("GET", "/api/v1/incidents", 200, http.get("/api/v1/incidents?status=OPEN&limit=1"));
        var allIncidents = documented("GET", "/api/v1/incidents", 200, http.get("/api/v1/incidents?limit=500"));
        var observations = documented("GET", "/api/v1/observations", 200,
                http.get("/api/v1/observations?officer=" + badge + "&since=2026-03-14T09:00:00Z"));
        var badFilters = documented("GET", "/api/v1/observations", 400,
                http.get("/api/v1/observations?officer=nobody&incident=42&since=yesterday&limit=0"));
        var badCursor = documented("GET", "/api/v1/incidents", 400, http.get("/api/v1/incidents?cursor=%25%25"));
        var badStatus = documented("GET", "/api/v1/incidents", 400, http.get("/api/v1/incidents?status=PENDING"));
        var badDutyStatus = documented("GET", "/api/v1/officers", 400, http.get("/api/v1/officers?dutyStatus=AWAY"));

        assertAll(
                () -> assertEquals(1, officers.get("items").size()),
                () -> assertTrue(officers.get("nextCursor").isTextual(), officers.toString()),
                () -> assertNotEquals(officers.get("items").get(0), nextOfficers.get("items").get(0)),
                () -> assertEquals(1, incidents.get("items").size()),
                () -> assertTrue(allIncidents.get("nextCursor").isNull(), "the last page has a null nextCursor"),
                () -> assertEquals(2, observations.get("items").size()),
                () -> assertTrue(observations.get("nextCursor").isNull()),
                () -> assertEquals(Set.of("officer", "incident", "since", "limit"),
                        StreamSupport.stream(badFilters.get("violations").spliterator(), false)
                                .map(v -> v.get("field").asText()).collect(Collectors.toSet())),
                () -> assertTrue(badCursor.get("detail").asText().startsWith("cursor:"), badCursor.toString()),
                () -> assertEquals("status", badStatus.get("violations").get(0).get("field").asText()),
                () -> assertEquals("dutyStatus", badDutyStatus.get("violations").get(0).get("field").asText()));
    }

    @Test
    void operationsRoutesAreAsDocumented() throws Exception {
        documented("GET", "/health/live", 200, http.get("/health/live"));
        documented("GET", "/health/ready", 200, http.get("/health/ready"));
        documented("GET", "/api/v1/commands/{correlationId}", 404,
                http.get("/api/v1/commands/" + UUID.randomUUID() + "?waitMs=0"));
        documented("GET", "/api/v1/commands/{correlationId}", 400,
                http.get("/api/v1/commands/" + UUID.randomUUID() + "?waitMs=30001"));
    }

    @Test
    void deadLetterRoutesAreAsDocumented() throws Exception {
        var listing = documented("GET", "/admin/dead-letters", 200, http.get("/admin/dead-letters"));
        var unknown = documented("POST", "/admin/dead-letters/{id}/redrive", 404,
                http.send(HttpRequest.newBuilder(URI.create(http.uri("/admin/dead-letters/" + UUID.randomUUID()
                        + "/redrive"))).POST(HttpRequest.BodyPublishers.noBody())));

        var notParked = documented("POST", "/admin/dead-letters/{id}/skip", 404,
                http.send(HttpRequest.newBuilder(URI.create(http.uri("/admin/dead-letters/event-bm9uZQ/skip")))
                        .POST(HttpRequest.BodyPublishers.noBody())));

        assertTrue(listing.get("items").isArray(), listing.toString());
        assertEquals("https://precinct.dev/problems/not-found", unknown.get("type").asText());
        assertEquals("https://precinct.dev/problems/not-found", notParked.get("type").asText());
    }

    @Test
    void projectionRoutesAreAsDocumented() throws Exception {
        var listing = documented("GET", "/admin/projections", 200, http.get("/admin/projections"));
        var paused = documented("POST", "/admin/projections/{name}/pause", 200, post("/admin/projections/officers/pause"));
        var resumed = documented("POST", "/admin/projections/{name}/resume", 200,
                post("/admin/projections/officers/resume"));
        var unknown = documented("POST", "/admin/projections/{name}/pause", 404,
                post("/admin/projections/nonsense/pause"));

        assertEquals(3, listing.get("items").size(), listing.toString());
        assertEquals("paused", paused.get("state").asText());
        assertEquals("running", resumed.get("state").asText());
        assertEquals("https://precinct.dev/problems/not-found", unknown.get("type").asText());
    }

    @Test
    void theConsoleIsAsDocumented() throws Exception {
        var page = documentedFile("/console", 200, http.get("/console"));
        var assets = openApi.at("/paths/~1console~1{asset}/get/parameters/0/schema/enum");
        assertTrue(assets.size() >= 3, assets.toString());
        for (var asset : assets) documentedFile("/console/{asset}", 200, http.get("/console/" + asset.asText()));
        var missing = documented("GET", "/console/{asset}", 404, http.get("/console/nope.txt"));

        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertEquals("https://precinct.dev/problems/not-found", missing.get("type").asText());
    }

    /**
     * Checks a console file's answer against the document: the status, the media type (its charset aside) and every
     * required header. Returns the body.
     */
    private static String documentedFile(String template, int status, HttpResponse<String> response) {
        var where = "GET " + template + " " + status;
        assertEquals(status, response.statusCode(), where + ": " + response.body());
        var documentedResponse = resolve(openApi.path("paths").path(template).path("get").path("responses")
                .path(Integer.toString(status)));
        assertTrue(documentedResponse.isObject(), where + ": the status is documented");
        var mediaType = response.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").strip();
        assertTrue(documentedResponse.path("content").path(mediaType).isObject(), where + ": " + mediaType
                + " is documented, not only " + fieldNames(documentedResponse.path("content")));
        documentedResponse.path("headers").properties().forEach(header -> {
            if (resolve(header.getValue()).path("required").asBoolean())
                assertTrue(response.headers().firstValue(header.getKey()).isPresent(),
                        where + ": required header " + header.getKey());
        });
        return response.body();
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(http.uri(path))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    // --- the scenario's steps -----------------------------------------------------------------------------------

    /** A newly registered officer, now on duty. */
    private static String onDutyOfficer() throws Exception {
        var badge = OfficerJson.aBadge();
        awaitStatus(documented("POST", "/api/v1/officers", 202,
                http.postJson("/api/v1/officers", OfficerJson.registration(badge))));
        awaitStatus(documented("POST", "/api/v1/officers/{badgeNumber}/duty-status", 202,
                http.postJson("/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}")));
        return badge;
    }

    /** The status of the accepted command, waited for; it must be APPLIED. */
    private static HttpResponse<String> awaitStatus(JsonNode accepted) throws Exception {
        var response = http.get("/api/v1/commands/" + accepted.get("correlationId").asText() + WAIT);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("APPLIED", JSON.readTree(response.body()).get("status").asText(), response.body());
        return response;
    }

    // --- the document -------------------------------------------------------------------------------------------

    /**
     * Checks {@code response} against the document's response for {@code status} of the operation {@code method
     * template}: the status, the media type, every required header, and the body against the schema (see
     * {@link #assertConforms}). Returns the body.
     */
    private static JsonNode documented(String method, String template, int status, HttpResponse<String> response)
            throws Exception {
        var where = method + " " + template + " " + status;
        assertEquals(status, response.statusCode(), where + ": " + response.body());
        var operation = openApi.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertTrue(operation.isObject(), where + " is documented");
        var documentedResponse = resolve(operation.path("responses").path(Integer.toString(status)));
        assertTrue(documentedResponse.isObject(), where + ": the status is documented");

        var contentType = response.headers().firstValue("Content-Type").orElse("");
        var content = documentedResponse.path("content").path(contentType);
        assertTrue(content.isObject(), where + ": " + contentType + " is documented, not only "
                + fieldNames(documentedResponse.path("content")));
        documentedResponse.path("headers").properties().forEach(header -> {
            if (resolve(header.getValue()).path("required").asBoolean())
                assertTrue(response.headers().firstValue(header.getKey()).isPresent(),
                        where + ": required header " + header.getKey());
        });
        var body = JSON.readTree(response.body());
        assertConforms(content.path("schema"), body, where + " body");
        return body;
    }

    /**
     * {@code value} has the JSON type and (for enums and constants) a value the schema allows, and an object has
     * every required property and no property the schema does not list; nested objects and array items likewise.
     */
    private static void assertConforms(JsonNode schemaOrRef, JsonNode value, String where) {
        var schema = resolve(schemaOrRef);
        if (schema.has("oneOf")) {
            var failures = new ArrayList<String>();
            for (var alternative : schema.get("oneOf")) {
                try {
                    assertConforms(alternative, value, where);
                    return;
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
            fail(where + " matches no alternative: " + failures);
        }
        if (schema.has("type")) {
            var types = schema.get("type").isArray()
                    ? StreamSupport.stream(schema.get("type").spliterator(), false).map(JsonNode::asText).toList()
                    : List.of(schema.get("type").asText());
            assertTrue(types.contains(jsonType(value)) || types.contains("number") && value.isNumber(),
                    where + " is " + jsonType(value) + ", documented " + types + ": " + value);
        }
        if (schema.has("enum") && !value.isNull())
            assertTrue(StreamSupport.stream(schema.get("enum").spliterator(), false).anyMatch(value::equals),
                    where + " " + value + " is one of " + schema.get("enum"));
        if (schema.has("const"))
            assertEquals(schema.get("const"), value, where);
        if (value.isObject() && schema.has("properties")) {
            var documented = fieldNames(schema.path("properties"));
            var required = StreamSupport.stream(schema.path("required").spliterator(), false)
                    .map(JsonNode::asText).collect(Collectors.toCollection(TreeSet::new));
            var actual = fieldNames(value);
            assertTrue(actual.containsAll(required),
                    where + " lacks required fields " + difference(required, actual) + ": " + value);
            assertTrue(documented.containsAll(actual),
                    where + " has undocumented fields " + difference(actual, documented) + ": " + value);
            value.properties().forEach(field ->
                    assertConforms(schema.path("properties").path(field.getKey()), field.getValue(),
                            where + "." + field.getKey()));
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (var item : value) assertConforms(schema.get("items"), item, where + "[" + i++ + "]");
        }
    }

    private static String jsonType(JsonNode value) {
        if (value.isNull()) return "null";
        if (value.isTextual()) return "string";
        if (value.isIntegralNumber()) return "integer";
        if (value.isNumber()) return "number";
        if (value.isBoolean()) return "boolean";
        if (value.isArray()) return "array";
        return "object";
    }

    /** The node {@code node} refers to, when it is a local {@code $ref}; else itself. */
    private static JsonNode resolve(JsonNode node) {
        var seen = 0;
        while (node.has("$ref")) {
            var ref = node.get("$ref").asText();
            assertTrue(ref.startsWith("#/"), "a local reference: " + ref);
            node = openApi.at(ref.substring(1));
            assertFalse(node.isMissingNode(), ref + " resolves");
            assertTrue(++seen < 10, ref + " does not loop");
        }
        return node;
    }

    /** Every (method, path template) of the document, as {@code "GET /api/v1/officers/{badgeNumber}"}. */
    private static Set<String> documentedRoutes() {
        var routes = new TreeSet<String>();
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (OPENAPI_METHODS.contains(operation.getKey()))
                routes.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }));
        assertFalse(routes.isEmpty(), "the document has routes");
        return routes;
    }

    /** The path with each template variable replaced by the document's example of that path parameter. */
    private static String fill(String template) {
        var operations = openApi.path("paths").path(template);
        var matcher = TEMPLATE_VARIABLE.matcher(template);
        var filled = new StringBuilder();
        while (matcher.find()) {
            var name = matcher.group(1);
            String example = null;
            for (var operation : operations)
                for (var parameter : operation.path("parameters")) {
                    var resolved = resolve(parameter);
                    if (name.equals(resolved.path("name").asText()) && "path".equals(resolved.path("in").asText()))
                        example = resolved.path("example").asText(null);
                }
            assertTrue(example != null, template + " documents an example of its path parameter " + name);
            matcher.appendReplacement(filled, Matcher.quoteReplacement(example));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static TreeSet<String> fieldNames(JsonNode object) {
        var names = new TreeSet<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> difference(Set<String> left, Set<String> right) {
        var out = new ArrayList<>(left);
        out.removeAll(right);
        return out;
    }
}
