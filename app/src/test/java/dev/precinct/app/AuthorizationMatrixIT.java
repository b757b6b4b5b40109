package dev.precinct.app;

import dev.precinct.police.Police;
import dev.precinct.police.PoliceRoles;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.precinct.adapters.rest.JwtTokens;
import dev.precinct.core.command.Role;
import dev.precinct.core.testing.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.precinct.app.RegisterOfficerContract.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command × every role × every kind of bad token, on real NATS, Kafka and PostgreSQL: the right 2xx, 401
 * or 403, and Kafka holds events only for the allowed ones, each with {@code ce_issuedby} = the token's subject.
 */
class AuthorizationMatrixIT {
    private static final String AUDIENCE = "precinct-edge";
    private static final String ISSUER = "precinct-tests";
    private static final List<String> TOPICS = List.of("precinct.officers", "precinct.incidents", "precinct.observations");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static Precinct precinct;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        var settings = RealServices.settings(TestServices.freshDatabase(), "all",
                "--auth.audience=" + AUDIENCE, "--auth.issuer=" + ISSUER);
        precinct = Precinct.start(settings);
        port = precinct.httpPort();
    }

    @AfterAll
    static void stop() {
        if (precinct != null) precinct.close();
    }

    private static byte[] secret() {
        return TestTokens.SECRET.getBytes(StandardCharsets.UTF_8);
    }

    private static String token(String subject, Role role) {
        return JwtTokens.hs256(secret(), subject, List.of(role), Instant.now(), Duration.ofMinutes(10), ISSUER, AUDIENCE);
    }

    /** The tokens that must never get in, by what is wrong with them. */
    private static Map<String, String> badTokens() throws Exception {
        var bad = new LinkedHashMap<String, String>();
        bad.put("no token", null);
        bad.put("expired", JwtTokens.hs256(secret(), "late", List.copyOf(Police.catalog().roles()), Instant.now().minus(Duration.ofHours(3)),
                Duration.ofHours(1), ISSUER, AUDIENCE));
        bad.put("forged signature", JwtTokens.hs256("not-the-secret-but-just-as-long-as-it".getBytes(StandardCharsets.UTF_8),
                "forger", List.copyOf(Police.catalog().roles()), Instant.now(), Duration.ofMinutes(10), ISSUER, AUDIENCE));
        var claims = new JWTClaimsSet.Builder().subject("nobody").claim("roles", List.of("supervisor", "dispatcher",
                "officer", "sensor", "admin")).issuer(ISSUER).audience(AUDIENCE)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        bad.put("alg none", new PlainJWT(claims).serialize());
        var hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims);
        hs512.sign(new MACSigner((TestTokens.SECRET + TestTokens.SECRET).getBytes(StandardCharsets.UTF_8)));
        bad.put("wrong algorithm", hs512.serialize());
        bad.put("wrong audience", JwtTokens.hs256(secret(), "elsewhere", List.copyOf(Police.catalog().roles()), Instant.now(),
                Duration.ofMinutes(10), ISSUER, "another-service"));
        return bad;
    }

    private record Attempt(String path, String body, Set<Role> allowed) {
    }

    @Test
    void everyCommandAnswersEveryRoleAndEveryBadTokenAsTheCatalogSays() throws Exception {
        var setup = new Http(port, JwtTokens.hs256(secret(), RUN + "-setup", List.copyOf(Police.catalog().roles()), Instant.now(),
                Duration.ofMinutes(10), ISSUER, AUDIENCE));
        var officerBadge = "M" + RUN.toUpperCase().substring(0, 6) + "-1";
        var otherBadge = "M" + RUN.toUpperCase().substring(0, 6) + "-2";
        for (var badge : List.of(officerBadge, otherBadge)) {
            ready(setup, "/api/v1/officers", OfficerJson.registration(badge));
            ready(setup, "/api/v1/officers/" + badge + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}");
        }
        var subjects = new HashMap<Role, String>();
        for (var role : Police.catalog().roles()) subjects.put(role, role.equals(PoliceRoles.OFFICER) ? officerBadge : RUN + "-" + role.wireName());

        var attempts = new ArrayList<Attempt>();
        var before = new HashMap<String, Map<TopicPartition, Long>>();
        for (var topic : TOPICS) before.put(topic, RealServices.endOffsets(topic));
        var expectedEvents = 0;
        var outcomes = new ArrayList<String>();
        for (var role : Police.catalog().roles()) {
            var http = new Http(port, token(subjects.get(role), role));
            var incidentForAssign = readyIncident(setup);
            var incidentForClose = readyIncident(setup);
            attempts.clear();
            attempts.add(new Attempt("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()), Set.of(PoliceRoles.SUPERVISOR)));
            attempts.add(new Attempt("/api/v1/officers/" + officerBadge + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}",
                    Set.of(PoliceRoles.SUPERVISOR, PoliceRoles.OFFICER)));
            attempts.add(new Attempt("/api/v1/officers/" + otherBadge + "/duty-status", "{\"dutyStatus\":\"ON_DUTY\"}",
                    Set.of(PoliceRoles.SUPERVISOR)));
            attempts.add(new Attempt("/api/v1/incidents", DomainJson.incident(), Set.of(PoliceRoles.DISPATCHER)));
            attempts.add(new Attempt("/api/v1/incidents/" + incidentForAssign + "/assignments",
                    "{\"badgeNumber\":\"" + otherBadge + "\"}", Set.of(PoliceRoles.DISPATCHER)));
            attempts.add(new Attempt("/api/v1/incidents/" + incidentForClose + "/closure", "{\"resolution\":\"RESOLVED\"}",
                    Set.of(PoliceRoles.DISPATCHER)));
            attempts.add(new Attempt("/api/v1/observations", DomainJson.plateRead(officerBadge, "AB12CDE"),
                    Set.of(PoliceRoles.OFFICER, PoliceRoles.SENSOR)));
            for (var attempt : attempts) {
                var response = http.postJson(attempt.path(), attempt.body());
                var expected = attempt.allowed().contains(role) ? 202 : 403;
                outcomes.add(role.wireName() + " " + attempt.path() + " → " + response.statusCode());
                assertEquals(expected, response.statusCode(), role + " " + attempt.path() + ": " + response.body());
                if (expected == 403)
                    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
                else expectedEvents++;
            }
            var read = http.get("/api/v1/officers/" + officerBadge);
            assertEquals(role == PoliceRoles.SENSOR || role == Role.ADMIN ? 403 : 200, read.statusCode(), role + " reads");
        }
        for (var bad : badTokens().entrySet()) {
            var http = new Http(port, bad.getValue());
            for (var attempt : attempts) {
                var response = http.postJson(attempt.path(), attempt.body());
                assertEquals(401, response.statusCode(), bad.getKey() + " " + attempt.path() + ": " + response.body());
                assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
            }
            assertEquals(401, http.get("/api/v1/officers/" + officerBadge).statusCode(), bad.getKey() + " reads");
        }

        var issuers = new ArrayList<String>();
        for (var topic : TOPICS)
            for (ConsumerRecord<String, byte[]> record : RealServices.records(topic, before.get(topic), r -> true))
                issuers.add(new String(record.headers().lastHeader("ce_issuedby").value(), StandardCharsets.UTF_8));
        var fromTheMatrix = issuers.stream().filter(subjects::containsValue).toList();
        assertEquals(expectedEvents, fromTheMatrix.size(), "events on Kafka from the matrix's tokens: " + outcomes);
        assertTrue(issuers.stream().noneMatch(issuer -> Set.of("late", "forger", "nobody", "elsewhere").contains(issuer)));
        assertTrue(fromTheMatrix.contains(subjects.get(PoliceRoles.SUPERVISOR)) && fromTheMatrix.contains(officerBadge)
                && fromTheMatrix.contains(subjects.get(PoliceRoles.DISPATCHER)) && fromTheMatrix.contains(subjects.get(PoliceRoles.SENSOR)));
    }

    @Test
    void theIssuerOfACommandIsItsTokensSubjectInTheStatus() throws Exception {
        var http = new Http(port, token(RUN + "-sgt", PoliceRoles.SUPERVISOR));

        var accepted = http.postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()));
        var status = body(http.get("/api/v1/commands/" + body(accepted).get("correlationId").asText() + "?waitMs=15000"));

        assertEquals(RUN + "-sgt", status.get("issuedBy").asText());
    }

    private static void ready(Http http, String path, String json) throws Exception {
        var accepted = http.postJson(path, json);
        assertEquals(202, accepted.statusCode(), accepted.body());
        var status = http.get("/api/v1/commands/" + body(accepted).get("correlationId").asText() + "?waitMs=15000");
        assertEquals("APPLIED", body(status).get("status").asText(), status.body());
    }

    private static String readyIncident(Http http) throws Exception {
        var accepted = http.postJson("/api/v1/incidents", DomainJson.incident());
        assertEquals(202, accepted.statusCode(), accepted.body());
        var status = body(http.get("/api/v1/commands/" + body(accepted).get("correlationId").asText() + "?waitMs=15000"));
        assertEquals("APPLIED", status.get("status").asText());
        return status.get("resource").asText().substring("/api/v1/incidents/".length());
    }
}
