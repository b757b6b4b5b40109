package dev.precinct.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings as an operator gives them: checked at load, each named in the README's configuration table. */
class SettingsTest {
    @Test
    void theReadmesConfigurationTableNamesEverySetting() throws Exception {
        var readme = Files.readString(Path.of("..", "README.md"));
        for (var key : Settings.DEFAULTS.keySet()) {
            var variable = Settings.variableOf(key);
            // a row may name a pair with a shared stem: `PRECINCT_KAFKA_SSL_TRUSTSTORE_LOCATION` / `…_PASSWORD`
            var stem = variable.substring(variable.lastIndexOf('_'));
            assertTrue(readme.contains("`" + variable + "`") || readme.contains("`…" + stem + "`"),
                    variable + " is not in the README's configuration table");
        }
    }

    @Test
    void theProjectorSessionTimeoutIsWithinTheBrokersDefaultBounds() throws Exception {
        assertEquals(Duration.ofSeconds(45), load(Map.of()).projectorSessionTimeout());
        assertEquals(Duration.ofSeconds(6),
                load(Map.of("PRECINCT_PROJECTOR_SESSION_TIMEOUT_MS", "6000")).projectorSessionTimeout());
        var tooShort = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_PROJECTOR_SESSION_TIMEOUT_MS", "1000")));
        assertTrue(tooShort.getMessage().contains("projector.session.timeout.ms"), tooShort.getMessage());
    }

    @Test
    void theFanOutNeedsNats() {
        var refused = assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_FANOUT_NATS", "true")));
        assertTrue(refused.getMessage().contains("PRECINCT_NATS_URL"), refused.getMessage());
    }

    @Test
    void retentionsAreIsoDurationsOrMilliseconds() throws Exception {
        var defaults = load(Map.of());
        var given = load(Map.of("PRECINCT_IDEMPOTENCY_RETENTION", "PT1H", "PRECINCT_COMMAND_STATUS_RETENTION", "7200000"));

        assertEquals(Duration.ofHours(24), defaults.idempotencyRetention());
        assertEquals(Duration.ofDays(7), defaults.commandStatusRetention());
        assertEquals(Duration.ofHours(1), given.idempotencyRetention());
        assertEquals(Duration.ofHours(2), given.commandStatusRetention());
        var nonsense = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_IDEMPOTENCY_RETENTION", "a day")));
        assertTrue(nonsense.getMessage().contains("idempotency.retention"), nonsense.getMessage());
        assertThrows(IllegalArgumentException.class, () -> load(Map.of("PRECINCT_COMMAND_STATUS_RETENTION", "PT0S")));
    }

    @Test
    void statusesAreKeptAtLeastAsLongAsIdempotencyKeys() {
        var refused = assertThrows(IllegalArgumentException.class, () -> load(Map.of(
                "PRECINCT_IDEMPOTENCY_RETENTION", "P2D", "PRECINCT_COMMAND_STATUS_RETENTION", "P1D")));
        assertTrue(refused.getMessage().contains("command.status.retention"), refused.getMessage());
    }

    @Test
    void theManagementPortIsOptionalAndNotTheEdgesPort() throws Exception {
        assertTrue(load(Map.of()).managementPort().isEmpty());
        assertEquals(9090, load(Map.of("PRECINCT_MANAGEMENT_PORT", "9090")).managementPort().getAsInt());
        var clash = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("PRECINCT_MANAGEMENT_PORT", "8080")));
        assertTrue(clash.getMessage().contains("management.port"), clash.getMessage());
    }

    private static Settings load(Map<String, String> environment) throws Exception {
        return Settings.load(environment, List.of());
    }
}
