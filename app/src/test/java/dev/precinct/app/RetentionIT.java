package dev.precinct.app;

import dev.precinct.core.testing.Eventually;
import dev.precinct.core.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Nothing grows for ever: with short retentions, a Precinct on real NATS, Kafka and PostgreSQL forgets an
 * idempotency key and a command status by itself, counts them in {@code precinct_expired_total}, and then takes a
 * request with the old key as a new command.
 */
class RetentionIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Test
    void anOldKeyAndAnOldStatusAreForgottenAndTheKeyThenNamesANewCommand() throws Exception {
        var settings = RealServices.settings(TestServices.freshDatabase(), "all", "--idempotency.retention=PT1S",
                "--command.status.retention=1000", "--management.host=127.0.0.1", "--management.port=0");
        try (var precinct = Precinct.start(settings)) {
            var http = new Http(precinct.httpPort());
            var scraper = new Http(precinct.managementPort(), null);
            var key = "retention-" + OfficerJson.aBadge();
            var first = http.postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()),
                    "Idempotency-Key", key);
            var firstId = RegisterOfficerContract.body(first).get("correlationId").asText();
            var applied = http.get("/api/v1/commands/" + firstId + "?waitMs=20000");

            Eventually.await("the first command's status expires", WITHIN,
                    () -> status(http, "/api/v1/commands/" + firstId) == 404);
            Eventually.await("both kinds counted as expired", WITHIN, () -> {
                var metrics = text(scraper, "/metrics");
                return metrics.contains("precinct_expired_total{kind=\"idempotency_key\"}")
                        && metrics.contains("precinct_expired_total{kind=\"command_status\"}");
            });
            var again = http.postJson("/api/v1/officers", OfficerJson.registration(OfficerJson.aBadge()),
                    "Idempotency-Key", key);

            assertEquals(202, first.statusCode(), first.body());
            assertEquals("APPLIED", RegisterOfficerContract.body(applied).get("status").asText());
            assertEquals(202, again.statusCode(), "another body under a forgotten key is a new command: " + again.body());
            var againId = RegisterOfficerContract.body(again).get("correlationId").asText();
            assertNotEquals(firstId, againId);
            var second = http.get("/api/v1/commands/" + againId + "?waitMs=20000");
            assertEquals("APPLIED", RegisterOfficerContract.body(second).get("status").asText(), second.body());
        }
    }

    private static int status(Http http, String path) {
        try {
            return http.get(path).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String text(Http http, String path) {
        try {
            return http.get(path).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
