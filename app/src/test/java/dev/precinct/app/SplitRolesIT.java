package dev.precinct.app;

import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Edge, business logic and projector as separate Precincts sharing only NATS, Kafka and PostgreSQL: a command
 * accepted through the edge is applied by the projector, and the edge's long-poll (and a read after the command)
 * wakes on the projector's NATS notice.
 */
class SplitRolesIT {
    private static Precinct projector;
    private static Precinct businessLogic;
    private static Precinct edge;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        var database = TestServices.freshDatabase();
        projector = Precinct.start(RealServices.settings(database, "projector"));
        businessLogic = Precinct.start(RealServices.settings(database, "bl"));
        edge = Precinct.start(RealServices.settings(database, "edge"));
        http = new Http(edge.httpPort());
    }

    @AfterAll
    static void stop() {
        for (var precinct : new Precinct[]{edge, businessLogic, projector}) if (precinct != null) precinct.close();
    }

    @Test
    void aCommandThroughTheEdgeIsAppliedByTheProjectorAndTheWaitingReadSeesIt() throws Exception {
        var badge = OfficerJson.aBadge();

        var accepted = http.postJson("/api/v1/officers", OfficerJson.registration(badge));
        var status = http.get("/api/v1/commands/"
                + RegisterOfficerContract.body(accepted).get("correlationId").asText() + "?waitMs=20000");
        var officer = http.get("/api/v1/officers/" + badge);

        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("APPLIED", RegisterOfficerContract.body(status).get("status").asText());
        assertEquals(200, officer.statusCode(), officer.body());
    }

    @Test
    void aReadAfterItsCommandOnTheEdgeSeesTheProjectorsWriteWithoutARetry() throws Exception {
        var badge = OfficerJson.aBadge();

        var accepted = http.postJson("/api/v1/officers", OfficerJson.registration(badge));
        var officer = http.get("/api/v1/officers/" + badge + "?afterCommand="
                + RegisterOfficerContract.body(accepted).get("correlationId").asText() + "&waitMs=20000");

        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(200, officer.statusCode(), officer.body());
        assertEquals("APPLIED", officer.headers().firstValue("Precinct-Command-Status").orElse(null));
        assertEquals(badge, RegisterOfficerContract.body(officer).get("badgeNumber").asText());
    }

    @Test
    void everyRoleIsReady() throws Exception {
        var ready = http.get("/health/ready");

        assertEquals(200, ready.statusCode(), ready.body());
        var checks = RegisterOfficerContract.body(ready).get("checks");
        assertEquals("UP", checks.get("nats").asText());
        assertEquals("UP", checks.get("postgresql").asText());
    }
}
